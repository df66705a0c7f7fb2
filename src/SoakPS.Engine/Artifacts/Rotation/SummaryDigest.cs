namespace SoakPS.Engine.Artifacts.Rotation;

/// <summary>The plain and compressed files of one iteration number; -1 where that form is absent.</summary>
public readonly record struct IterationForms(long PlainLength, long CompressedLength)
{
    public static readonly IterationForms None = new(-1, -1);

    public int Files => (PlainLength >= 0 ? 1 : 0) + (CompressedLength >= 0 ? 1 : 0);

    public long Bytes => Math.Max(0, PlainLength) + Math.Max(0, CompressedLength);

    public IterationForms With(bool compressed, long length) => compressed ? this with { CompressedLength = length } : this with { PlainLength = length };
}

/// <summary>
/// The iteration summaries of one folder (regular files named ITER_SUMMARY_&lt;n&gt;.json(.gz) exactly as their number
/// spells it), reduced as they are met to what rotation decides from: how many there are and their bytes, and the files
/// of only the newest distinct iteration numbers, as many as rotation keeps. A folder of 100,000 summaries costs
/// a bounded heap of that many numbers, not an entry per file.
/// </summary>
public sealed class SummaryDigest
{
    private readonly int _capacity;
    private PriorityQueue<int, int>? _oldestFirst;
    private Dictionary<int, IterationForms>? _newest;

    public SummaryDigest(int capacity) => _capacity = capacity;

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>More distinct iteration numbers were met than the digest keeps.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The newest distinct iteration numbers met (at most the capacity) with their files.</summary>
    public IReadOnlyDictionary<int, IterationForms> Newest => _newest ?? (IReadOnlyDictionary<int, IterationForms>)EmptyNewest;

    private static readonly Dictionary<int, IterationForms> EmptyNewest = new();

    public void Add(int iteration, bool compressed, long length)
    {
        Files++;
        Bytes += length;
        _newest ??= new Dictionary<int, IterationForms>();
        _oldestFirst ??= new PriorityQueue<int, int>();
        if (_newest.TryGetValue(iteration, out var forms))
        {
            _newest[iteration] = forms.With(compressed, length);
            return;
        }
        if (_newest.Count == _capacity)
        {
            Overflowed = true;
            if (_capacity == 0 || iteration < _oldestFirst.Peek()) return;
            _newest.Remove(_oldestFirst.Dequeue());
        }
        _newest.Add(iteration, IterationForms.None.With(compressed, length));
        _oldestFirst.Enqueue(iteration, iteration);
    }
}
