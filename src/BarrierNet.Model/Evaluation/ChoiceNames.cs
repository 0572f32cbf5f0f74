using System.Reflection;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The names of a choice (an enum whose members carry <see cref="JsonStringEnumMemberNameAttribute"/>): one spelling
/// for the command line, model.json and the commands recorded in provenance. Command-line text is parsed here once;
/// inside the program a choice is its enum.
/// </summary>
internal static class ChoiceNames
{
    /// <summary>The name of <paramref name="value"/> as typed and as written to model.json.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
        ?? value.ToString().ToLowerInvariant();

    /// <summary>Every choice's name, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Name).ToArray();

    /// <summary>"a, b or c": the names for help texts and error messages.</summary>
    public static string List<T>() where T : struct, Enum
    {
        var names = All<T>();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }

    /// <summary>The choice named <paramref name="text"/>; an unknown name is an error naming <paramref name="option"/> and the choices.</summary>
    public static T Parse<T>(string text, string option) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (Name(value) == text) return value;
        throw new ArgumentException($"{option} must be {List<T>()}, not '{text}'");
    }
}
