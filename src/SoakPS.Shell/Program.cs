using SoakPS.Shell;

ShellArguments arguments;
try
{
    arguments = ShellArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 64;
}

var console = ConsoleOutput.FromConsole();
using var runner = new ScriptRunner(console);
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the pipeline gracefully (StopProcessing); a second one while nothing runs ends the process.
    e.Cancel = runner.Stop();
};

string modulePath;
try
{
    modulePath = ModuleLocator.Find();
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
if (!runner.ImportModule(modulePath))
{
    return 1;
}
return runner.Run(arguments);
