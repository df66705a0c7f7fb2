namespace SoakPS.Engine.Rotation;

/// <summary>One kept summary file: its iteration number, form and size.</summary>
internal readonly record struct DigestedSummary(int Iteration, bool Compressed, long Length);

/// <summary>
/// The iteration summaries of one folder (regular files named ITER_SUMMARY_&lt;n&gt;.json(.gz) exactly as their number
/// spells it), reduced as they are met to what rotation decides from: how many there are with their bytes, and the
/// files of the newest iteration numbers. A number has at most two such files (plain and .gz), so the newest
/// 2 x <c>newestNumbers</c> files hold every file of the newest <c>newestNumbers</c> distinct numbers: a bounded min-heap
/// of that many files, not an entry per file, whatever the folder holds.
/// </summary>
internal sealed class SummaryDigest
{
    private readonly int _capacity;

    // A min-heap by key (iteration * 2 + 1 for .gz): the root is the oldest file kept. Plain arrays of primitives, so a
    // fresh process pays no generic collection's first use for them.
    private long[] _keys = Array.Empty<long>();
    private long[] _lengths = Array.Empty<long>();
    private int _count;

    public SummaryDigest(int newestNumbers) => _capacity = (int)Math.Min(int.MaxValue, 2L * newestNumbers);

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>More files were met than the digest keeps, so there are more distinct numbers than it was asked to keep.</summary>
    public bool Overflowed { get; private set; }

    public void Add(int iteration, bool compressed, long length)
    {
        Files++;
        Bytes += length;
        var key = ((long)iteration << 1) | (compressed ? 1L : 0L);
        if (_count == _capacity)
        {
            Overflowed = true;
            if (_capacity == 0 || key < _keys[0]) return;
            _keys[0] = key;
            _lengths[0] = length;
            SiftDown(_keys, _lengths, _count, 0);
            return;
        }
        if (_count == _keys.Length)
        {
            var size = (int)Math.Min(_capacity, Math.Max(16L, 2L * _keys.Length));
            Array.Resize(ref _keys, size);
            Array.Resize(ref _lengths, size);
        }
        _keys[_count] = key;
        _lengths[_count] = length;
        SiftUp(_count++);
    }

    /// <summary>The files kept, newest number first (for one number, the .gz before the plain file).</summary>
    public DigestedSummary[] Newest()
    {
        // Heap sort on a copy: the oldest comes off the root and goes to the end.
        var keys = _keys[.._count];
        var lengths = _lengths[.._count];
        var result = new DigestedSummary[_count];
        for (var left = _count; left > 0; left--)
        {
            result[left - 1] = new DigestedSummary((int)(keys[0] >> 1), (keys[0] & 1) == 1, lengths[0]);
            keys[0] = keys[left - 1];
            lengths[0] = lengths[left - 1];
            SiftDown(keys, lengths, left - 1, 0);
        }
        return result;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_keys[parent] <= _keys[i]) return;
            Swap(_keys, _lengths, i, parent);
            i = parent;
        }
    }

    private static void SiftDown(long[] keys, long[] lengths, int count, int i)
    {
        while (true)
        {
            var smallest = i;
            var left = 2 * i + 1;
            if (left < count && keys[left] < keys[smallest]) smallest = left;
            if (left + 1 < count && keys[left + 1] < keys[smallest]) smallest = left + 1;
            if (smallest == i) return;
            Swap(keys, lengths, i, smallest);
            i = smallest;
        }
    }

    private static void Swap(long[] keys, long[] lengths, int a, int b)
    {
        (keys[a], keys[b]) = (keys[b], keys[a]);
        (lengths[a], lengths[b]) = (lengths[b], lengths[a]);
    }
}
