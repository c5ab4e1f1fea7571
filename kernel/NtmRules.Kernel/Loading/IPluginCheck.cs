using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// An extra check the host runs on each plugin while loading it, so that features outside the
/// kernel (plan templates, for instance) can refuse a broken plugin at load with the same report
/// as a broken rule, without the kernel depending on them. Any error refuses the plugin.
/// </summary>
public interface IPluginCheck
{
    /// <summary>Checks the plugin; returns its problems (empty when fine).</summary>
    IEnumerable<Problem> Check(PluginInfo plugin);
}
