using System.Diagnostics;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Model.Apps;

/// <summary>Settings of one screening run (the `screen` command's options).</summary>
/// <param name="Input">A JSON/JSON Lines dump of pymatgen structures with material ids, or a directory of structure files.</param>
/// <param name="OutPath">Results CSV (one row per scored material).</param>
/// <param name="ErrorsPath">Errors CSV (line, material id, reason).</param>
/// <param name="Ion">Migrating element, or null for the one mobile ion each structure has.</param>
/// <param name="Resume">Append to existing outputs, skipping materials already in them.</param>
/// <param name="Shard">The part of the input this run screens.</param>
/// <param name="BatchSize">Materials per model call and per flush of the outputs.</param>
public sealed record ScreenOptions(string Input, string OutPath, string ErrorsPath, string? Ion, bool Resume, ShardSpec Shard, int BatchSize = 32);

/// <summary>What a screening run did, for the closing summary.</summary>
/// <param name="Documents">Documents read from the input.</param>
/// <param name="InShard">Of those, documents of this shard.</param>
/// <param name="Scored">Materials with a results row from this run.</param>
/// <param name="WithoutIon">Structures skipped for lacking the ion.</param>
/// <param name="Errors">Documents written to the errors CSV by this run.</param>
/// <param name="AlreadyDone">Materials and errors found in the outputs of an earlier run (with resume).</param>
/// <param name="Hops">Hops predicted.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record ScreenSummary(long Documents, long InShard, long Scored, long WithoutIon, long Errors, long AlreadyDone, long Hops, TimeSpan Elapsed)
{
    /// <summary>Scored materials per second of wall time.</summary>
    public double MaterialsPerSecond => Elapsed.TotalSeconds > 0 ? Scored / Elapsed.TotalSeconds : 0;
    /// <summary>Predicted hops per second of wall time.</summary>
    public double HopsPerSecond => Elapsed.TotalSeconds > 0 ? Hops / Elapsed.TotalSeconds : 0;
}

/// <summary>Progress of a running screen: documents seen so far, materials scored, and the fraction of the input read.</summary>
/// <param name="Documents">Documents read so far.</param>
/// <param name="Scored">Materials scored so far.</param>
/// <param name="Fraction">Fraction of the input consumed, 0–1.</param>
/// <param name="MaterialsPerSecond">Scored materials per second so far.</param>
public readonly record struct ScreenProgress(long Documents, long Scored, double Fraction, double MaterialsPerSecond);

/// <summary>
/// Scores every material of a dump in batches: parallel featurisation and one batched model call per batch (in
/// <see cref="MaterialPredictor"/>), rows and errors appended and flushed after every batch, so a killed run loses
/// at most the two batches in flight and `--resume` picks up without duplicating or losing rows. The two overlap:
/// while the network scores one batch on the reading thread, the featurisation workers prepare the next (they touch
/// no tensors: libtorch is only ever called from the reading thread), so the cores the network leaves idle are used. A repeated material id is an error
/// on its later line, never a silent overwrite; a structure without the ion is counted and skipped.
/// </summary>
public sealed class ScreenRunner
{
    private readonly MaterialPredictor _predictor;
    private readonly ScreenOptions _options;

    /// <summary>A screening run.</summary>
    /// <param name="predictor">Scores the materials.</param>
    /// <param name="options">Input, outputs, ion, resume and shard.</param>
    public ScreenRunner(MaterialPredictor predictor, ScreenOptions options)
    {
        _predictor = predictor;
        _options = options;
    }

    /// <summary>Screens the input, appending to the results and errors CSVs after every batch.</summary>
    /// <param name="progress">Told after every batch; null for none.</param>
    /// <param name="cancel">Stops between documents; rows of finished batches stay written.</param>
    /// <returns>Counts of what was read, scored, skipped and failed, and the time taken.</returns>
    public ScreenSummary Run(IProgress<ScreenProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var o = _options;
        var doneIds = new HashSet<string>(StringComparer.Ordinal);
        var doneErrorLines = new HashSet<(long, string?)>();
        CsvJournal<ScreenRow> results;
        CsvJournal<ScreenError> errors;
        if (o.Resume)
        {
            results = CsvJournal<ScreenRow>.Resume(o.OutPath, out var rows);
            errors = CsvJournal<ScreenError>.Resume(o.ErrorsPath, out var errs);
            foreach (var r in rows) doneIds.Add(r.MaterialId);
            foreach (var e in errs) doneErrorLines.Add((e.Line, e.MaterialId));
        }
        else
        {
            results = CsvJournal<ScreenRow>.Create(o.OutPath);
            errors = CsvJournal<ScreenError>.Create(o.ErrorsPath);
        }

        long documents = 0, inShard = 0, scored = 0, withoutIon = 0, nErrors = 0, already = 0, hops = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (results)
        using (errors)
        using (var source = new MaterialSource(o.Input))
        {
            var batch = new InFlight();
            InFlight? featurising = null;

            void Error(long line, string? id, string reason)
            {
                if (doneErrorLines.Contains((line, id))) { already++; return; }
                batch.Errors.Add(new ScreenError(line, id, reason));
            }

            // Scores a featurised batch (the network, on this thread) and appends its rows and errors.
            void Finish(InFlight done)
            {
                var rows = new List<ScreenRow>();
                var errorRows = done.Errors;
                if (done.Items.Count > 0)
                {
                    var reports = _predictor.Score(done.Features!.GetAwaiter().GetResult());
                    for (int i = 0; i < reports.Count; i++)
                    {
                        var (structure, id) = done.Items[i];
                        if (reports[i].Report is { } r)
                        {
                            rows.Add(new ScreenRow(id, r.Formula, r.Analysis.Ion, r.Hops.Count, r.LowestBarrier,
                                r.Percolation.OneD, r.Percolation.TwoD, r.Percolation.ThreeD, r.Uncertainty, r.Class,
                                r.Bvse.Percolation?.OneD, r.Bvse.Percolation?.TwoD, r.Bvse.Percolation?.ThreeD, r.Hops.Count(h => h.PathBlocked)));
                            hops += r.Hops.Count;
                        }
                        else if (!doneErrorLines.Contains((done.LineOf[id], id))) errorRows.Add(new ScreenError(done.LineOf[id], id, reports[i].Error ?? "unknown failure"));
                        else already++;
                    }
                }
                long writeStart = Stopwatch.GetTimestamp();
                results.Append(rows);
                errors.Append(errorRows);
                results.Flush();
                errors.Flush();
                _predictor.Timings.AddSince(ScoringStage.Writing, writeStart);
                scored += rows.Count;
                nErrors += errorRows.Count;
                progress?.Report(new ScreenProgress(documents, scored, source.Progress, scored / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
            }

            // The batch read so far starts featurising on the workers while the one before it is scored here.
            void Flush()
            {
                var items = batch.Items;
                if (items.Count > 0) batch.Features = Task.Run(() => _predictor.Featurise(items));
                if (featurising is not null) Finish(featurising);
                featurising = batch;
                batch = new InFlight();
            }

            using var documentsRead = source.Documents().GetEnumerator();
            while (NextDocument(documentsRead) is { } doc)
            {
                cancel.ThrowIfCancellationRequested();
                documents++;
                if (!o.Shard.Includes(doc.MaterialId, doc.Ordinal)) continue;
                inShard++;
                long line = doc.Line > 0 ? doc.Line : doc.Ordinal + 1;
                if (doc.MaterialId is string id)
                {
                    if (!seen.Add(id)) { Error(line, id, $"repeated material_id '{id}' (first seen earlier in the input)"); continue; }
                    if (doneIds.Contains(id)) { already++; continue; }
                }
                if (doc.Structure is null) { Error(line, doc.MaterialId, doc.Error ?? "unreadable document"); continue; }
                if (!HasIon(doc.Structure)) { withoutIon++; continue; }
                batch.LineOf[doc.MaterialId!] = line;
                batch.Items.Add((doc.Structure, doc.MaterialId!));
                if (batch.Items.Count >= o.BatchSize) Flush();
            }
            Flush();
            if (featurising is not null) Finish(featurising);
        }
        return new ScreenSummary(documents, inShard, scored, withoutIon, nErrors, already, hops, clock.Elapsed);
    }

    /// <summary>The next document of the input, or null at its end; the time it takes is the reading stage's.</summary>
    private MaterialDocument? NextDocument(IEnumerator<MaterialDocument> documents)
    {
        long start = Stopwatch.GetTimestamp();
        var doc = documents.MoveNext() ? documents.Current : null;
        _predictor.Timings.AddSince(ScoringStage.Reading, start);
        return doc;
    }

    /// <summary>A batch on its way through: its materials, the errors found while reading it, and its featurisation once started.</summary>
    private sealed class InFlight
    {
        public List<(Structure Structure, string Id)> Items { get; } = new();
        public List<ScreenError> Errors { get; } = new();
        public Dictionary<string, long> LineOf { get; } = new(StringComparer.Ordinal);
        public Task<MaterialPredictor.FeaturisedBatch>? Features { get; set; }
    }

    private bool HasIon(Structure s) => _options.Ion is string ion
        ? s.Sites.Any(x => string.Equals(x.Element, ion, StringComparison.OrdinalIgnoreCase))
        : s.Sites.Any(x => BarrierNet.Core.Elements.MobileIons.Contains(x.Element));
}
