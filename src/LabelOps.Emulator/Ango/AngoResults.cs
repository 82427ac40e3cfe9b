using System;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Ango;

/// <summary>Answers in Ango's envelopes: <c>{"status":"success","data":{…}}</c> and <c>{"status":"fail"|"error","message":"…"}</c>.</summary>
internal static class AngoResults
{
    public static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Success(JsonObject data, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(new JsonObject { ["status"] = "success", ["data"] = data }.ToJsonString(WriteOptions), "application/json", Encoding.UTF8, statusCode);

    /// <summary>A 4xx answer: status "fail" (the caller's mistake).</summary>
    public static IResult Fail(int statusCode, string message) =>
        Results.Content(ErrorBody("fail", message), "application/json", Encoding.UTF8, statusCode);

    public static IResult BadRequest(string message) => Fail(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string what) => Fail(StatusCodes.Status404NotFound, what + " not found");

    public static string ErrorBody(string status, string message) =>
        new JsonObject { ["status"] = status, ["message"] = message }.ToJsonString(WriteOptions);

    /// <summary>ISO 8601 in UTC with milliseconds, as the Ango API (a Node.js service) writes dates.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
