using System.Runtime.CompilerServices;

namespace NtmRules.Tests.Shared;

/// <summary>
/// Keeps ntm's cache of schema passes (<c>NTM_CACHE</c>, otherwise the user's <c>~/.cache/ntm</c>) out of
/// every test: set to "off" when a test assembly loads, it is inherited by the entry point run in the
/// test process and by every ntm process a test starts, so no test reads records a previous run left
/// in the user's cache or leaves its own there. Tests of the cache give it a folder of their own.
/// </summary>
internal static class TestCache
{
    [ModuleInitializer]
    internal static void Off() => Environment.SetEnvironmentVariable("NTM_CACHE", "off");
}
