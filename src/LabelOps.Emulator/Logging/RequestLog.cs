using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Emulator.Logging;

/// <summary>
/// Thread-safe request log that keeps arrival order: a slot is taken when a request arrives and
/// filled when its answer is known, so a slow request stays ahead of a quick one that came later.
/// </summary>
internal sealed class RequestLog
{
    // Bounds memory of a standalone emulator that clients poll for hours.
    private const int Capacity = 10_000;

    private readonly object _gate = new();
    private readonly List<Slot> _slots = new();

    public Slot Begin()
    {
        var slot = new Slot();
        lock (_gate)
        {
            _slots.Add(slot);
            if (_slots.Count > Capacity)
            {
                _slots.RemoveRange(0, _slots.Count - Capacity);
            }
        }

        return slot;
    }

    public void Complete(Slot slot, RecordedRequest request)
    {
        lock (_gate)
        {
            slot.Request = request;
        }
    }

    /// <summary>The requests answered so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            var requests = new List<RecordedRequest>(_slots.Count);
            foreach (var slot in _slots)
            {
                if (slot.Request is not null)
                {
                    requests.Add(slot.Request);
                }
            }

            return requests;
        }
    }

    /// <summary>Requests that arrived and are not answered (or dropped) yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count(slot => slot.Request is null);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _slots.Clear();
        }
    }

    internal sealed class Slot
    {
        public RecordedRequest? Request { get; set; }
    }
}
