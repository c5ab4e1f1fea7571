using System.Globalization;
using System.Runtime.CompilerServices;

namespace NtmRules.Tests.Shared;

/// <summary>
/// The language of the messages a test project's libraries write, chosen once when the test assembly
/// loads. The libraries' texts for people come from .NET resources picked by the UI culture, Vietnamese
/// being the neutral language; the tests written before the messages were translated assert their English
/// wording, so a test process starts in English and a test of the Vietnamese texts asks for them itself
/// (<see cref="Use"/>). The cultures of number and date formatting are not touched.
/// </summary>
internal static class TestCulture
{
    [ModuleInitializer]
    internal static void StartInEnglish()
    {
        var english = CultureInfo.GetCultureInfo("en", predefinedOnly: false);
        CultureInfo.DefaultThreadCurrentUICulture = english;
        CultureInfo.CurrentUICulture = english;
    }

    /// <summary>
    /// Makes <paramref name="code"/> ("vi" or "en") the UI culture of the calling flow until the returned
    /// scope is disposed; async work started inside it flows the culture with it.
    /// </summary>
    internal static IDisposable Use(string code)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(code, predefinedOnly: false);
        return new Restore(before);
    }

    private sealed class Restore(CultureInfo before) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = before;
    }
}
