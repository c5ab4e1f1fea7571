namespace NtmRules.Kernel.Diagnostics;

/// <summary>Base of the kernel's expected failures; each carries the problems found, all at once.</summary>
public abstract class NtmException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    protected NtmException(IReadOnlyList<Problem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<Problem> Problems { get; }
}

/// <summary>The user's input (data file, option) is wrong. The CLI exits with code 2.</summary>
public sealed class InputException : NtmException
{
    /// <summary>Creates the exception.</summary>
    public InputException(IReadOnlyList<Problem> problems) : base(problems) { }

    /// <summary>Creates the exception from one problem.</summary>
    public InputException(Problem problem) : base([problem]) { }
}

/// <summary>A plugin is broken or refused. The CLI exits with code 3.</summary>
public sealed class PluginException : NtmException
{
    /// <summary>Creates the exception.</summary>
    public PluginException(IReadOnlyList<Problem> problems) : base(problems) { }

    /// <summary>Creates the exception from one problem.</summary>
    public PluginException(Problem problem) : base([problem]) { }
}
