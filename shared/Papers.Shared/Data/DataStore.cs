using System.Security.Cryptography;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// Finds a data file in an ordered list of folders and, where it is in none of them, downloads it from the
/// catalogue's URLs into the download folder. A download is written to a temporary file beside its target, its
/// sha256 checked against the catalogue, and only then renamed into place: a half-written or unverified file is
/// never left where a reader would find it. A catalogued file found in a folder is checked against the catalogue's
/// sha256 the first time this process reads it as it is on disk (same path, size and modification time): a corrupt
/// copy stops the run instead of being trained on.
/// </summary>
public sealed class DataStore
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyDictionary<string, DataFile> _catalog;
    private readonly Uri? _httpBase;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _log;

    /// <param name="searchFolders">Folders searched in order.</param>
    /// <param name="downloadFolder">Where downloads go; null when there is nowhere to put them.</param>
    /// <param name="httpBase">When set, every file is fetched from here (<c>{httpBase}/{path}</c>) instead of its
    /// catalogued URLs: a mirror laid out like the data folder.</param>
    /// <param name="catalog">Files that are checked and may be downloaded, by path; <see cref="DataCatalog.ByPath"/> by
    /// default. A file outside it is returned as found, unchecked.</param>
    /// <param name="timeout">Limit for one download, connection to last byte; 10 minutes by default.</param>
    /// <param name="log">Receives one line per download, and one per file read where the catalogue accepts more than
    /// one copy, saying which it is; standard error by default.</param>
    public DataStore(IReadOnlyList<string> searchFolders, string? downloadFolder, Uri? httpBase = null,
                     IReadOnlyDictionary<string, DataFile>? catalog = null, TimeSpan? timeout = null,
                     Action<string>? log = null)
    {
        SearchFolders = searchFolders.Select(Path.GetFullPath).ToList();
        DownloadFolder = downloadFolder is null ? null : Path.GetFullPath(downloadFolder);
        _httpBase = httpBase is null ? null
            : httpBase.AbsoluteUri.EndsWith('/') ? httpBase : new Uri(httpBase.AbsoluteUri + "/");
        _catalog = catalog ?? DataCatalog.ByPath;
        _timeout = timeout ?? s_defaultTimeout;
        _log = log ?? Console.Error.WriteLine;
    }

    public IReadOnlyList<string> SearchFolders { get; }

    public string? DownloadFolder { get; }

    /// <summary>The first existing copy of <paramref name="path"/> in the search folders, or null; not checked.</summary>
    public string? Find(string path)
    {
        var relative = Normalize(path);
        return SearchFolders.Select(folder => Path.Combine(folder, relative)).FirstOrDefault(File.Exists);
    }

    /// <summary>The first existing copy of <paramref name="path"/>, checked; downloaded and verified if there is none.</summary>
    /// <exception cref="FileNotFoundException">Missing everywhere and not downloadable.</exception>
    /// <exception cref="InvalidDataException">A local copy or a download whose sha256 is not the catalogued one.</exception>
    public string Get(string path)
    {
        var relative = Normalize(path);
        if (Find(relative) is { } found) return Checked(relative, found);

        if (!_catalog.TryGetValue(relative, out var entry))
            throw NotFound(relative, $"'{relative}' is not in the dataset catalogue, so there is no URL to download it from.");
        var urls = UrlsOf(entry);
        if (urls.Length == 0)
            throw NotFound(relative, $"It has no download URL ({entry.Note}).");
        if (DownloadFolder is null)
            throw NotFound(relative, $"There is nowhere to download it to: no folder holding {DataRoot.SolutionFile} was " +
                                     $"found and {DataRoot.EnvironmentVariable} is not set.");

        var target = Path.Combine(DownloadFolder, relative);
        var failures = new List<string>();
        var refused = false;
        foreach (var url in urls)
        {
            try
            {
                Download(entry, url, target);
                return target;
            }
            catch (InvalidDataException e)
            {
                refused = true;
                failures.Add($"{url}: {e.Message}");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                failures.Add($"{url}: {Describe(e)}");
            }
        }
        var tried = "Download failed:" + string.Concat(failures.Select(f => "\n  " + f));
        if (refused) throw new InvalidDataException($"Data file '{relative}' was refused. {tried}\n{HowToSupply(relative)}");
        throw NotFound(relative, tried);
    }

    private void Download(DataFile entry, string url, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            // No size in this line: where several copies are accepted, the one downloaded need not be the catalogued one.
            _log($"downloading {entry.Path} from {url}");
            var actual = Fetch(url, temporary);
            FileChecks.Remember(temporary, actual);
            Accept(entry, temporary, actual, firstRead: true);
            FileChecks.Move(temporary, target);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>A local copy of a catalogued file, checked once per path, size and modification time.</summary>
    private string Checked(string relative, string file)
    {
        if (!_catalog.TryGetValue(relative, out var entry)) return file;
        var actual = FileChecks.Sha256(file, out var hashedNow);
        try
        {
            Accept(entry, file, actual, hashedNow);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"Data file '{relative}' is not the catalogued file: {file} is corrupt or another version ({e.Message}).\n" +
                $"To fix it, {Restore(entry, file)}, or set {DataRoot.EnvironmentVariable} to a folder that holds a correct {relative}.", e);
        }
        return file;
    }

    /// <summary>
    /// Accepts a copy whose sha256 is <paramref name="actual"/> by its hash or, where the upstream hash is unknown, by its
    /// content; on a first read, says which accepted copy it is. Throws <see cref="InvalidDataException"/> otherwise.
    /// </summary>
    private void Accept(DataFile entry, string file, string actual, bool firstRead)
    {
        if (entry.Accepts(actual))
        {
            if (firstRead && entry.CopyOf(actual) is { } copy) _log($"{entry.Path}: reading {copy} (sha256 {actual})");
            return;
        }
        var mismatch = $"sha256 mismatch: expected {entry.ExpectedSha256}, actual {actual}";
        if (entry.CheckContent is null) throw new InvalidDataException(mismatch);
        string seen;
        bool checkedNow;
        try
        {
            seen = FileChecks.Content(file, entry.CheckContent, out checkedNow);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{mismatch}; its upstream hash is unknown and its content is wrong: {e.Message}");
        }
        if (checkedNow) _log($"{entry.Path}: sha256 {actual} is not catalogued (the upstream hash is unknown); accepted on content: {seen}");
    }

    private string[] UrlsOf(DataFile entry) => _httpBase is not null ? [new Uri(_httpBase, entry.Path).AbsoluteUri] : entry.Urls;

    private string Restore(DataFile entry, string file)
    {
        var urls = UrlsOf(entry);
        return urls.Length == 0 ? $"replace {file} with a correct copy{(entry.Note is null ? "" : $" ({entry.Note})")}"
            : DownloadFolder is null ? $"replace {file} with a correct copy from {urls[0]}"
            : $"replace {file} with a correct copy, or delete it and run again to download one from {urls[0]}";
    }

    // The library's calls are synchronous; the download is asynchronous only so that one timeout covers
    // connecting, the headers and every byte of the body.
    private string Fetch(string url, string destination) => FetchAsync(url, destination).GetAwaiter().GetResult();

    private async Task<string> FetchAsync(string url, string destination)
    {
        using var cancel = new CancellationTokenSource(_timeout);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var body = await response.Content.ReadAsStreamAsync(cancel.Token).ConfigureAwait(false))
        await using (var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancel.Token).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancel.Token).ConfigureAwait(false);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        HttpRequestException { InnerException: { } inner } when !e.Message.Contains(inner.Message) => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };

    private FileNotFoundException NotFound(string relative, string reason)
    {
        var message = new StringBuilder($"Data file '{relative}' was not found. Searched:");
        foreach (var folder in SearchFolders)
            message.Append($"\n  {folder}{(Directory.Exists(folder) ? "" : " (no such folder)")}");
        if (SearchFolders.Count == 0) message.Append(" no folder (none configured)");
        message.Append('\n').Append(reason).Append('\n').Append(HowToSupply(relative));
        return new FileNotFoundException(message.ToString(), relative);
    }

    private string HowToSupply(string relative)
    {
        var copyTo = DownloadFolder is null ? $"data/{relative} in the repository root" : Path.Combine(DownloadFolder, relative);
        return $"To supply it, set {DataRoot.EnvironmentVariable} to a folder that holds {relative}, or copy the file to {copyTo}.";
    }

    private static string Normalize(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var relative = path.Replace('\\', '/');
        if (Path.IsPathRooted(relative) || relative.Split('/').Any(part => part is "" or "." or ".."))
            throw new ArgumentException($"'{path}' is not a plain relative path under a data folder (like planetoid/ind.cora.x)", nameof(path));
        return relative;
    }
}
