namespace NtmRules.Cli;

/// <summary>The CLI's exit codes: scripts and CI tell outcomes apart by them.</summary>
internal static class ExitCodes
{
    /// <summary>Evaluated (whatever the verdict) or listed.</summary>
    public const int Ok = 0;
    /// <summary>A defect of ntm itself.</summary>
    public const int InternalError = 1;
    /// <summary>The user's input is wrong (data file, option, set id).</summary>
    public const int BadInput = 2;
    /// <summary>A plugin is broken, refused, or its rule failed at run time.</summary>
    public const int PluginProblem = 3;
    /// <summary>The record store is missing, locked or corrupt.</summary>
    public const int StoreProblem = 4;
    /// <summary>Verification found a difference or a broken hash chain.</summary>
    public const int VerificationFailed = 5;
    /// <summary>A plugin's own test cases failed, or their rule coverage is below --min-coverage.</summary>
    public const int PluginTestsFailed = 6;
}
