using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// What both pretraining tasks share around their epochs: AdamW with weight decay on the weights only, and a checkpoint
/// folder (weights, optimiser state, state.json) written under temporary names first, so an interruption mid-write
/// leaves the previous checkpoint intact, and read back only by a run with the same epochs, seed and backbone, so an
/// interrupted run resumes exactly.
/// </summary>
internal static class PretrainCheckpoint
{
    private static JsonSerializerOptions Indented => Evaluation.ModelJson.Indented;

    /// <summary>AdamW with weight decay on the weights and none on biases and norms.</summary>
    public static AdamW CreateOptimizer(nn.Module model, PretrainOptions o)
    {
        var decay = model.named_parameters().Where(p => p.parameter.requires_grad && p.parameter.dim() > 1).Select(p => p.parameter).ToList();
        var noDecay = model.named_parameters().Where(p => p.parameter.requires_grad && p.parameter.dim() <= 1).Select(p => p.parameter).ToList();
        return torch.optim.AdamW(new[]
        {
            new AdamW.ParamGroup(decay, lr: o.MaxLearningRate, weight_decay: o.WeightDecay),
            new AdamW.ParamGroup(noDecay, lr: o.MaxLearningRate, weight_decay: 0.0),
        }, o.MaxLearningRate);
    }

    /// <summary>
    /// A fresh state, or with --resume the checkpoint's in <paramref name="dir"/> (weights and optimiser loaded), if it
    /// matches this run; <paramref name="resumed"/> says which.
    /// </summary>
    public static Pretrainer.CheckpointState StartOrResume(string dir, string weightsFile, nn.Module model, AdamW optimizer,
        PretrainOptions o, Device device, out bool resumed)
    {
        var state = new Pretrainer.CheckpointState { Epochs = o.Epochs, Seed = o.Seed, ConfigJson = o.Backbone.ToJson() };
        resumed = o.Resume && File.Exists(Path.Combine(dir, "state.json"));
        if (!resumed) return state;
        state = JsonSerializer.Deserialize<Pretrainer.CheckpointState>(File.ReadAllText(Path.Combine(dir, "state.json")), Indented)
                ?? throw new InvalidDataException("unreadable checkpoint state");
        if (state.Epochs != o.Epochs || state.Seed != o.Seed || state.ConfigJson != o.Backbone.ToJson())
            throw new ArgumentException("--resume: the checkpoint was made with different --epochs, --seed or model settings");
        model.load(Path.Combine(dir, weightsFile));
        model.to(device);
        optimizer.load_state_dict(Path.Combine(dir, "optimizer.bin"));
        return state;
    }

    /// <summary>Writes the weights, optimiser state and state.json into <paramref name="dir"/>.</summary>
    public static void Save(string dir, string weightsFile, nn.Module model, OptimizerHelper optimizer, Pretrainer.CheckpointState state)
    {
        Directory.CreateDirectory(dir);
        string M(string n) => Path.Combine(dir, n);
        model.save(M(weightsFile + ".tmp"));
        optimizer.save_state_dict(M("optimizer.bin.tmp"));
        File.WriteAllText(M("state.json.tmp"), JsonSerializer.Serialize(state, Indented));
        File.Move(M(weightsFile + ".tmp"), M(weightsFile), true);
        File.Move(M("optimizer.bin.tmp"), M("optimizer.bin"), true);
        File.Move(M("state.json.tmp"), M("state.json"), true);
    }
}
