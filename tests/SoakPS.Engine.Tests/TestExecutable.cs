using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SoakPS.Engine.Tests;

/// <summary>
/// This test project as a program, for where vstest cannot go: the Windows lane publishes it as a self-contained
/// win-x64 executable and runs it under Wine, which has no dotnet to host a test platform. It runs the tests that
/// carry <c>[Trait(WindowsLane.Trait, WindowsLane.Windows)]</c> one at a time through xUnit's own framework, prints a
/// line per failure and the closing count, and writes an NUnit 3 result file. <c>dotnet test</c> never calls it.
/// </summary>
public static class TestExecutable
{
    public static int Main(string[] args)
    {
        if (args is not (["--result", _] or ["--result", _, "--filter", _]))
        {
            Console.Error.WriteLine("usage: SoakPS.Engine.Tests --result <NUnit 3 result file> [--filter <part of the test names>]");
            return 2;
        }
        var (resultPath, filter) = (args[1], args.Length == 4 ? args[3] : string.Empty);
        // A throw on a thread of a test ends the process: say which, since the result file will be missing.
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Console.WriteLine($"unhandled exception, ending the run: {e.ExceptionObject}");
        var assembly = typeof(TestExecutable).Assembly;
        var options = new FrameworkOptions();
        options.SetValue("xunit.execution.DisableParallelization", true);
        // One test case per theory row, as vstest's xUnit adapter discovers them.
        options.SetValue("xunit.discovery.PreEnumerateTheories", true);
        using var framework = new XunitTestFramework(new Sink(_ => { }));

        var found = new List<ITestCase>();
        using var discovered = new ManualResetEventSlim();
        using (var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly)))
        {
            discoverer.Find(includeSourceInformation: false, new Sink(m =>
            {
                if (m is ITestCaseDiscoveryMessage d) found.Add(d.TestCase);
                if (m is IDiscoveryCompleteMessage) discovered.Set();
            }), options);
            discovered.Wait();
        }
        var selected = found.Where(c => c.Traits.TryGetValue(WindowsLane.Trait, out var v) && v.Contains(WindowsLane.Windows))
            .Where(c => c.DisplayName.Contains(filter, StringComparison.Ordinal)).ToList();

        var results = new ConcurrentQueue<XElement>();
        using var finished = new ManualResetEventSlim();
        using (var executor = framework.GetExecutor(assembly.GetName()))
        {
            executor.RunTests(selected, new Sink(m =>
            {
                if (m is ITestStarting starting) Console.WriteLine($"Starting {starting.Test.DisplayName}");
                if (Result(m) is { } result)
                {
                    results.Enqueue(result);
                    Console.WriteLine($"{result.Attribute("result")!.Value,-8} {result.Attribute("fullname")!.Value} ({result.Attribute("duration")!.Value} s)");
                }
                if (m is ITestAssemblyFinished) finished.Set();
            }), options);
            finished.Wait();
        }

        int Count(string outcome) => results.Count(r => (string?)r.Attribute("result") == outcome);
        var (passed, failed, skipped) = (Count("Passed"), Count("Failed"), Count("Skipped"));
        foreach (var failure in results.Where(r => (string?)r.Attribute("result") == "Failed"))
        {
            Console.WriteLine($"[-] {failure.Attribute("fullname")!.Value}\n{failure.Element("failure")!.Element("message")!.Value}\n{failure.Element("failure")!.Element("stack-trace")!.Value}");
        }
        var run = new XElement("test-run",
            new XAttribute("testcasecount", results.Count), new XAttribute("total", results.Count), new XAttribute("passed", passed),
            new XAttribute("failed", failed), new XAttribute("skipped", skipped), new XAttribute("inconclusive", 0),
            new XAttribute("result", failed > 0 ? "Failed" : "Passed"),
            new XElement("test-suite", new XAttribute("type", "Assembly"), new XAttribute("name", assembly.GetName().Name!), results));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(resultPath))!);
        new XDocument(run).Save(resultPath);
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed > 0 || passed == 0 ? 1 : 0;
    }

    private static XElement? Result(IMessageSinkMessage message)
    {
        static XElement Case(ITestResultMessage r, string outcome, params object[] content) => new("test-case",
            new XAttribute("name", r.Test.DisplayName), new XAttribute("fullname", r.Test.DisplayName), new XAttribute("result", outcome),
            new XAttribute("duration", r.ExecutionTime.ToString(CultureInfo.InvariantCulture)), content);
        return message switch
        {
            ITestPassed p => Case(p, "Passed"),
            ITestFailed f => Case(f, "Failed", new XElement("failure",
                new XElement("message", string.Join(Environment.NewLine, f.ExceptionTypes.Zip(f.Messages, (t, m) => $"{t}: {m}"))),
                new XElement("stack-trace", string.Join(Environment.NewLine, f.StackTraces)))),
            ITestSkipped s => Case(s, "Skipped", new XElement("reason", new XElement("message", s.Reason))),
            _ => null,
        };
    }

    private sealed class Sink(Action<IMessageSinkMessage> onMessage) : LongLivedMarshalByRefObject, IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            onMessage(message);
            return true;
        }
    }

    private sealed class FrameworkOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = new();

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var v) && v is TValue value ? value : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }
}

/// <summary>The trait of the tests whose meaning is Windows behaviour: the Windows lane runs them under Wine.</summary>
public static class WindowsLane
{
    public const string Trait = "Lane";
    public const string Windows = "Windows";
}
