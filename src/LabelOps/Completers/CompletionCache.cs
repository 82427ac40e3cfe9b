using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Completers
{
    /// <summary>
    /// What completers have read from a service, per session, for a short while: pressing Tab again (or on the
    /// next parameter of the same project) sends nothing. A read may take at most <see cref="Bound"/> before the
    /// completer gives up and offers nothing; the read goes on in the background (up to <see cref="ReadLimit"/>)
    /// and its answer serves the next Tab. A failed read is forgotten, so the next Tab tries again.
    /// </summary>
    internal static class CompletionCache
    {
        /// <summary>How long the user waits at most for a completion that needs the service.</summary>
        public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

        private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);

        private static readonly ConditionalWeakTable<ServiceSession, Dictionary<string, Entry>> BySession = new ConditionalWeakTable<ServiceSession, Dictionary<string, Entry>>();

        /// <summary>The cached answer for <paramref name="key"/>, or a fresh read; default when the read failed or is still running after the bound.</summary>
        public static T? Get<T>(ServiceSession session, string key, Func<CancellationToken, Task<T>> read)
            where T : class
        {
            var entries = BySession.GetValue(session, _ => new Dictionary<string, Entry>(StringComparer.Ordinal));
            var waitUntil = DateTime.UtcNow + Bound;
            // Twice at most: a read that an earlier Tab started may have failed since; then this Tab reads afresh.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                Entry entry;
                var started = false;
                lock (entries)
                {
                    if (!entries.TryGetValue(key, out entry!) || entry.ReadAt + Lifetime < DateTime.UtcNow)
                    {
                        entry = new Entry(Start(read));
                        entries[key] = entry;
                        started = true;
                    }
                }
                try
                {
                    var left = waitUntil - DateTime.UtcNow;
                    return left > TimeSpan.Zero && entry.Read.Wait(left) ? (T)entry.Read.Result : null;
                }
                catch (AggregateException)
                {
                    lock (entries)
                    {
                        if (entries.TryGetValue(key, out var current) && current == entry) entries.Remove(key);
                    }
                    if (started) return null;
                }
            }
            return null;
        }

        private static Task<object> Start<T>(Func<CancellationToken, Task<T>> read)
            where T : class
        {
            // Run on the pool: the completer is called on the pipeline thread, which must not be the one that
            // continues the read.
            return Task.Run(async () =>
            {
                using (var limit = new CancellationTokenSource(ReadLimit))
                {
                    return (object)await read(limit.Token).ConfigureAwait(false);
                }
            });
        }

        private sealed class Entry
        {
            public Entry(Task<object> read)
            {
                Read = read;
                ReadAt = DateTime.UtcNow;
            }

            public Task<object> Read { get; }

            public DateTime ReadAt { get; }
        }
    }
}
