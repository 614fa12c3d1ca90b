using Argus.LoadTool;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return await LoadToolCommand.RunAsync(args, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
