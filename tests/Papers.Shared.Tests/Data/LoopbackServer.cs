using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Papers.Shared.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: it serves a fixed table of paths (anything else is
/// 404), one request per connection, and counts what it was asked for. It listens on a port the system picks.
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, byte[]> _files;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _requests = [];

    public LoopbackServer(Dictionary<string, byte[]> files)
    {
        _files = files;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>A loopback URL on which nothing listens: connecting to it is refused, as on a machine without network.</summary>
    public static Uri ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using (client) await RespondAsync(client.GetStream());
        }
    }

    private async Task RespondAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token))) { }
        var path = requestLine.Split(' ') is [_, var target, ..] ? Uri.UnescapeDataString(target.TrimStart('/')) : "";
        lock (_requests) _requests.Add(path);
        var found = _files.TryGetValue(path, out var body);
        body ??= Encoding.ASCII.GetBytes("not found");
        var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Length: {body.Length}\r\n" +
                   "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
