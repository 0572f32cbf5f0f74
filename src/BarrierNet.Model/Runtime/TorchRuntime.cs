using System.Runtime.InteropServices;
using System.Text;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// Makes TorchSharp-cpu 0.107 load on older Linux distributions. Its libLibTorchSharp.so asks for the symbol
/// version GLIBCXX_3.4.32 (GCC 13's libstdc++) for one symbol, _ZSt21ios_base_library_initv, that no relocation
/// uses. Where the system libstdc++ lacks that version (Debian 12 ships up to 3.4.30), the dynamic loader refuses
/// the library. Marking that one version requirement weak (VER_FLG_WEAK in .gnu.version_r) lets it load; on a
/// system that has the version nothing is touched. Call <see cref="EnsureLoadable"/> before the first tensor.
/// </summary>
internal static class TorchRuntime
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";
    private const ushort VerFlagWeak = 0x2;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private static readonly object Gate = new();
    private static bool _done;

    /// <summary>What the last call did, for diagnostics and tests.</summary>
    public static string Status { get; private set; } = "not checked";

    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done) return;
            NativeAllocator.KeepFreedMemory();
            OpenMpWaiting.SleepWhileWaiting();
            if (!OperatingSystem.IsLinux()) { Status = "not Linux: nothing to do"; _done = true; return; }
            if (SystemHasVersion(RequiredVersion)) { Status = "system libstdc++ provides " + RequiredVersion; _done = true; return; }
            var lib = FindLibTorchSharp();
            if (lib is null) { Status = "libLibTorchSharp.so not found beside the application; nothing patched"; _done = true; return; }
            Status = MarkVersionWeak(lib, RequiredVersion);
            _done = true;
        }
    }

    /// <summary>True when some libstdc++.so.6 the loader would find defines the symbol version.</summary>
    public static bool SystemHasVersion(string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        foreach (var path in CandidateLibstdcxx())
        {
            try
            {
                if (File.Exists(path) && IndexOf(File.ReadAllBytes(path), needle) >= 0) return true;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return false;
    }

    private static IEnumerable<string> CandidateLibstdcxx()
    {
        var ld = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ld))
            foreach (var d in ld.Split(':', StringSplitOptions.RemoveEmptyEntries))
                yield return Path.Combine(d, "libstdc++.so.6");
        var arch = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        yield return $"/usr/lib/{arch}/libstdc++.so.6";
        yield return $"/lib/{arch}/libstdc++.so.6";
        yield return "/usr/lib64/libstdc++.so.6";
        yield return "/usr/lib/libstdc++.so.6";
    }

    private static string? FindLibTorchSharp()
    {
        var baseDir = AppContext.BaseDirectory;
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        foreach (var p in new[] { Path.Combine(baseDir, "runtimes", rid, "native", "libLibTorchSharp.so"), Path.Combine(baseDir, "libLibTorchSharp.so") })
            if (File.Exists(p)) return p;
        return null;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on the Vernaux entry naming <paramref name="version"/>. Idempotent: an entry already weak
    /// is left alone. Throws <see cref="InvalidOperationException"/> with a clear reason if the file is not the ELF
    /// layout expected.
    /// </summary>
    public static string MarkVersionWeak(string path, string version)
    {
        byte[] b = File.ReadAllBytes(path);
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidOperationException($"{path}: not an ELF file; cannot make TorchSharp loadable");
        if (b[4] != 2 || b[5] != 1)
            throw new InvalidOperationException($"{path}: not a little-endian 64-bit ELF file; cannot make TorchSharp loadable");
        long shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A), shnum = BitConverter.ToUInt16(b, 0x3C);
        if (shoff <= 0 || shentsize < 64 || shoff + (long)shentsize * shnum > b.Length)
            throw new InvalidOperationException($"{path}: section header table is missing or truncated");
        for (int s = 0; s < shnum; s++)
        {
            long sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(b, (int)sh + 4) != ShtGnuVerneed) continue;
            long off = (long)BitConverter.ToUInt64(b, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(b, (int)sh + 0x28);
            int count = (int)BitConverter.ToUInt32(b, (int)sh + 0x2C);
            long strOff = (long)BitConverter.ToUInt64(b, (int)(shoff + (long)link * shentsize) + 0x18);
            long vn = off;
            for (int i = 0; i < count; i++)
            {
                int cnt = BitConverter.ToUInt16(b, (int)vn + 2);
                long aux = vn + BitConverter.ToUInt32(b, (int)vn + 8);
                for (int j = 0; j < cnt; j++)
                {
                    uint nameOff = BitConverter.ToUInt32(b, (int)aux + 8);
                    if (ReadCString(b, strOff + nameOff) == version)
                    {
                        ushort flags = BitConverter.ToUInt16(b, (int)aux + 4);
                        if ((flags & VerFlagWeak) != 0) return $"{version} requirement already weak in {path}";
                        flags |= VerFlagWeak;
                        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Write))
                        {
                            fs.Seek(aux + 4, SeekOrigin.Begin);
                            fs.Write(BitConverter.GetBytes(flags));
                        }
                        return $"marked {version} requirement weak in {path}";
                    }
                    uint next = BitConverter.ToUInt32(b, (int)aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = BitConverter.ToUInt32(b, (int)vn + 12);
                if (vnNext == 0) break;
                vn += vnNext;
            }
            return $"{path} does not require {version}; nothing to patch";
        }
        throw new InvalidOperationException($"{path}: no .gnu.version_r section; not the TorchSharp library expected");
    }

    private static string ReadCString(byte[] b, long at)
    {
        int end = (int)at;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }

    private static int IndexOf(byte[] hay, byte[] needle)
    {
        return hay.AsSpan().IndexOf(needle);
    }
}
