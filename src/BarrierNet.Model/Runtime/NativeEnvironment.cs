using System.Runtime.InteropServices;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// The C library's copy of the process environment, which native libraries (libtorch, libgomp) read. .NET keeps its
/// own copy on Unix, so a setting meant for them must be made in both.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> in both copies; returns what was done, for diagnostics.</summary>
    public static string Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows()) return "set in the process environment";
        try { return setenv(name, value, 0) == 0 ? $"{name}={value}" : "setenv refused"; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return "no C library setenv: nothing done"; }
    }

    /// <summary>The C library's view of an environment variable (what native code reads).</summary>
    public static string? Get(string name)
    {
        if (OperatingSystem.IsWindows()) return Environment.GetEnvironmentVariable(name);
        return Marshal.PtrToStringAnsi(getenv(name));
    }

    /// <summary>True when the user set <paramref name="name"/> to something (such settings are theirs to keep).</summary>
    public static bool UserSet(string name) => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name));

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPStr)] string name);
}
