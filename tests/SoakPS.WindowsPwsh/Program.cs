// The console host of the PowerShell SDK, started as pwsh.exe is: the same arguments, the same exit code.
return Microsoft.PowerShell.ConsoleShell.Start(null, null, args);
