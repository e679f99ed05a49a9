using Spectre.Console;

namespace Pbr.Cli.Settlement;

/// <summary>Progress bars only when a person is watching: never when output is redirected to a file or a pipe.</summary>
internal static class Terminal
{
    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Lets tables use their natural width when output goes to a file or a pipe, where Spectre.Console
    /// would otherwise assume 80 columns and wrap every cell.
    /// </summary>
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 400;
        }
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar of <paramref name="total"/> steps on a terminal, silently otherwise.</summary>
    public static async Task<T> WithProgressAsync<T>(string description, int total, Func<IProgress<int>, Task<T>> work)
    {
        if (!IsInteractive)
        {
            return await work(new Progress<int>(_ => { }));
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                return await work(new SynchronousProgress(step => task.Increment(step)));
            });
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
