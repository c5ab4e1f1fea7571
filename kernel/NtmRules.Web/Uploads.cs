using NtmRules.Kernel.Localization;
using NtmRules.Web.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using NtmRules.Application;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Domain;

namespace NtmRules.Web;

/// <summary>An uploaded file as the server stored it.</summary>
/// <param name="Path">Where: a generated name under the data folder, never a name the client chose.</param>
/// <param name="DisplayName">The name the client gave, reduced to a file name, for messages only.</param>
public sealed record UploadedFile(string Path, string DisplayName);

/// <summary>A request the server refuses before the kernel sees it: too large (413), wrong type (415), nothing sent (400).</summary>
/// <param name="status">HTTP status.</param>
/// <param name="message">Vietnamese message for the person who sent it.</param>
public sealed class UploadException(int status, string message) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;
}

/// <summary>Receives uploads into the workspace's data folder.</summary>
public static class Uploads
{
    /// <summary>Room for the multipart framing and the form's other fields, on top of the file size limit.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>"Tệp quá lớn: tối đa 10 MB."</summary>
    public static string TooLarge(long maxBytes) =>
        MessageText.Format(WebMessages.UploadTooLargeLimit, Megabytes(maxBytes));

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.##", MessageText.InEnglish ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>Reads the form, mapping size limits to 413 and a request that is not a form to 415.</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancel)
    {
        if (request.ContentLength is { } length && length > maxBytes + FormOverheadBytes) throw new UploadException(413, TooLarge(maxBytes));
        if (!request.HasFormContentType)
            throw new UploadException(415, WebMessages.UploadNotAForm);
        try
        {
            return await request.ReadFormAsync(cancel);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UploadException(413, TooLarge(maxBytes));
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadException(413, TooLarge(maxBytes));
        }
        catch (InvalidDataException)
        {
            throw new UploadException(400, WebMessages.UploadMultipartInvalid);
        }
        catch (IOException e) when (e is not BadHttpRequestException && !cancel.IsCancellationRequested)
        {
            // The body ended before the multipart did; a body that stops arriving is Kestrel's BadHttpRequestException (408), answered by the error handler.
            throw new UploadException(400, WebMessages.UploadMultipartCut);
        }
    }

    /// <summary>
    /// Uploads of at most this many bytes may be evaluated from memory (<see cref="Workspace.EvaluateAsync(string, IFormFile, CancellationToken)"/>):
    /// the size up to which ASP.NET Core's form reader already holds a file in memory, and small enough that the last
    /// <see cref="WebOptions.MaxEvaluations"/> evaluations keep their data in memory (200 × 64 KB at most).
    /// </summary>
    public const int InMemoryBytes = 64 * 1024;

    /// <summary>Stores one uploaded data file (.json, .csv, .xlsx) under a generated name.</summary>
    public static async Task<UploadedFile> SaveAsync(Workspace workspace, IFormFile file, CancellationToken cancel)
    {
        var (display, extension) = CheckData(workspace, file);
        var path = workspace.NewUploadPath(extension);
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await file.CopyToAsync(target, cancel);
        }
        return new UploadedFile(path, display);
    }

    /// <summary>
    /// The refusals of an uploaded data file, in the order they are checked: not a data kind (415), over
    /// the limit (413), empty (400). Returns the client's name reduced to a file name and its extension in lower case.
    /// </summary>
    /// <exception cref="UploadException">Refused.</exception>
    public static (string DisplayName, string Extension) CheckData(Workspace workspace, IFormFile file)
    {
        var display = DisplayName(file.FileName);
        var extension = System.IO.Path.GetExtension(display).ToLowerInvariant();
        if (!Workspace.DataExtensions.Contains(extension))
            throw new UploadException(415,
                MessageText.Format(WebMessages.UploadDataTypeUnsupported, display));
        if (file.Length > workspace.Options.MaxUploadBytes) throw new UploadException(413, TooLarge(workspace.Options.MaxUploadBytes));
        if (file.Length == 0) throw new UploadException(400, MessageText.Format(WebMessages.UploadEmptyFile, display));
        return (display, extension);
    }

    /// <summary>The exact bytes of an upload already checked by <see cref="CheckData"/> and at most <see cref="InMemoryBytes"/> long.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancel)
    {
        if (file.Length > InMemoryBytes) throw new ArgumentException("too large to keep in memory", nameof(file));
        var bytes = new byte[file.Length];
        await using var source = file.OpenReadStream();
        await source.ReadExactlyAsync(bytes, cancel);
        return bytes;
    }

    /// <summary>Stores an uploaded plugin package (.ntmplugin) under a generated name, for <see cref="Workspace.InstallPlugin"/>.</summary>
    public static async Task<UploadedFile> SavePackageAsync(Workspace workspace, IFormFile file, CancellationToken cancel)
    {
        var display = DisplayName(file.FileName);
        if (!string.Equals(System.IO.Path.GetExtension(display), ".ntmplugin", StringComparison.OrdinalIgnoreCase))
            throw new UploadException(415, MessageText.Format(WebMessages.UploadPackageTypeUnsupported, display));
        if (file.Length > workspace.Options.MaxUploadBytes) throw new UploadException(413, TooLarge(workspace.Options.MaxUploadBytes));
        if (file.Length == 0) throw new UploadException(400, MessageText.Format(WebMessages.UploadEmptyFile, display));
        var path = workspace.NewUploadPath(".ntmplugin");
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await file.CopyToAsync(target, cancel);
        }
        return new UploadedFile(path, display);
    }

    /// <summary>The one file of a form field, or 400 when there is none.</summary>
    public static IFormFile SingleFile(IFormCollection form, string field = "file")
    {
        var files = form.Files.GetFiles(field);
        if (files.Count == 0 || files[0].Length == 0 && string.IsNullOrEmpty(files[0].FileName))
            throw new UploadException(400, WebMessages.UploadNoDataFile);
        if (files.Count > 1) throw new UploadException(400, WebMessages.UploadOneDataFile);
        return files[0];
    }

    /// <summary>The client's file name reduced to a name: no folders, no control characters, at most 120 characters.</summary>
    public static string DisplayName(string? clientName)
    {
        var name = (clientName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > 120) name = name[^120..];
        return name.Length == 0 ? "tep-tai-len" : name;
    }

    /// <summary>The name the in-page form's data carries in messages and records.</summary>
    public const string FormDisplayName = "bieu-mau-tren-trang.csv";

    /// <summary>
    /// What was typed in the set's in-page form, as the cells of a one-row table (the format
    /// <c>ntm evaluate --data</c> reads), so that the intake reader checks every cell as for an uploaded table.
    /// </summary>
    /// <exception cref="UploadException">More than the upload limit (413).</exception>
    public static TypedFigures Typed(Workspace workspace, CriteriaSet set, IFormCollection form)
    {
        var cells = new List<KeyValuePair<string, string>>();
        foreach (var key in IdentityFields.Keys)
        {
            var value = form[key].ToString();
            if (key == "specialDifficulty") value = value.Length == 0 ? "false" : "true";
            if (value.Length == 0 && key is not ("name" or "region" or "year")) continue;
            cells.Add(KeyValuePair.Create(key, value));
        }
        foreach (var m in set.Measures)
        {
            var value = form["m." + m.Key].ToString();
            if (string.IsNullOrWhiteSpace(value)) continue;
            cells.Add(KeyValuePair.Create(m.Key, value));
        }
        var figures = new TypedFigures(FormDisplayName, cells);
        if (TypedCommune.Bytes(figures).Length > workspace.Options.MaxUploadBytes) throw new UploadException(413, TooLarge(workspace.Options.MaxUploadBytes));
        return figures;
    }
}
