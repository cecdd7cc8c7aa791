using System.Runtime.InteropServices;

namespace Papers.QProp;

/// <summary>MuJoCo 2.2.2 through native/mujoco_accessors.c: fields are read by accessor, never by struct offset.</summary>
internal static partial class MuJoCoNative
{
    private const string Lib = "qprop_mujoco";

    [LibraryImport(Lib)] internal static partial IntPtr qp_last_error();
    [LibraryImport(Lib)] internal static partial IntPtr qp_version();
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr qp_load_xml(string path);
    [LibraryImport(Lib)] internal static partial IntPtr qp_make_data(IntPtr model);
    [LibraryImport(Lib)] internal static partial void qp_free_model(IntPtr model);
    [LibraryImport(Lib)] internal static partial void qp_free_data(IntPtr data);
    [LibraryImport(Lib)] internal static partial int qp_nq(IntPtr model);
    [LibraryImport(Lib)] internal static partial int qp_nv(IntPtr model);
    [LibraryImport(Lib)] internal static partial int qp_nu(IntPtr model);
    [LibraryImport(Lib)] internal static partial double qp_timestep(IntPtr model);
    [LibraryImport(Lib)] internal static unsafe partial double* qp_qpos0(IntPtr model);
    [LibraryImport(Lib)] internal static unsafe partial double* qp_actuator_ctrlrange(IntPtr model);
    [LibraryImport(Lib)] internal static unsafe partial byte* qp_actuator_ctrllimited(IntPtr model);
    [LibraryImport(Lib)] internal static unsafe partial double* qp_qpos(IntPtr data);
    [LibraryImport(Lib)] internal static unsafe partial double* qp_qvel(IntPtr data);
    [LibraryImport(Lib)] internal static unsafe partial double* qp_ctrl(IntPtr data);
    [LibraryImport(Lib)] internal static partial int qp_reset(IntPtr model, IntPtr data);
    [LibraryImport(Lib)] internal static partial int qp_forward(IntPtr model, IntPtr data);
    [LibraryImport(Lib)] internal static partial int qp_step(IntPtr model, IntPtr data, int frames);

    internal static string LastError() => Marshal.PtrToStringUTF8(qp_last_error()) ?? "";

    internal static void Check(int status, string what)
    {
        if (status != 0) throw new MuJoCoException($"{what}: {LastError()}");
    }
}

/// <summary>An error MuJoCo reported, with MuJoCo's own text.</summary>
public sealed class MuJoCoException(string message) : Exception(message);

/// <summary>
/// One compiled model and its simulation state (mjModel + mjData). qpos, qvel and ctrl are views into MuJoCo's
/// own arrays: writes go straight into the simulation.
/// </summary>
public sealed unsafe class Simulation : IDisposable
{
    private IntPtr _model;
    private IntPtr _data;

    /// <summary>Loads an MJCF file; a missing or malformed file throws <see cref="MuJoCoException"/> with mj_loadXML's error.</summary>
    public Simulation(string xmlPath)
    {
        _model = MuJoCoNative.qp_load_xml(xmlPath);
        if (_model == IntPtr.Zero) throw new MuJoCoException($"MuJoCo could not load {xmlPath}: {MuJoCoNative.LastError()}");
        _data = MuJoCoNative.qp_make_data(_model);
        if (_data == IntPtr.Zero)
        {
            MuJoCoNative.qp_free_model(_model);
            throw new MuJoCoException($"MuJoCo could not allocate data for {xmlPath}: {MuJoCoNative.LastError()}");
        }
        Nq = MuJoCoNative.qp_nq(_model);
        Nv = MuJoCoNative.qp_nv(_model);
        Nu = MuJoCoNative.qp_nu(_model);
        Timestep = MuJoCoNative.qp_timestep(_model);
    }

    /// <summary>"2.2.2": the linked MuJoCo's version.</summary>
    public static string Version => Marshal.PtrToStringUTF8(MuJoCoNative.qp_version()) ?? "";

    public int Nq { get; }
    public int Nv { get; }
    public int Nu { get; }

    /// <summary>opt.timestep, seconds per mj_step.</summary>
    public double Timestep { get; }

    public Span<double> QPos => new(MuJoCoNative.qp_qpos(Live), Nq);
    public Span<double> QVel => new(MuJoCoNative.qp_qvel(Live), Nv);
    public Span<double> Ctrl => new(MuJoCoNative.qp_ctrl(Live), Nu);

    /// <summary>qpos0, the model's reference configuration (Gym's init_qpos).</summary>
    public ReadOnlySpan<double> QPos0 => new(MuJoCoNative.qp_qpos0(LiveModel), Nq);

    /// <summary>Per actuator (low, high); unlimited actuators give (−∞, ∞).</summary>
    public (double Low, double High)[] ControlRange()
    {
        var range = MuJoCoNative.qp_actuator_ctrlrange(LiveModel);
        var limited = MuJoCoNative.qp_actuator_ctrllimited(LiveModel);
        return Enumerable.Range(0, Nu)
            .Select(i => limited[i] != 0 ? (range[2 * i], range[2 * i + 1]) : (double.NegativeInfinity, double.PositiveInfinity))
            .ToArray();
    }

    public void Reset() => MuJoCoNative.Check(MuJoCoNative.qp_reset(LiveModel, Live), "mj_resetData");

    /// <summary>mj_forward: positions, velocities and derived quantities consistent after qpos/qvel were set.</summary>
    public void Forward() => MuJoCoNative.Check(MuJoCoNative.qp_forward(LiveModel, Live), "mj_forward");

    /// <summary><paramref name="frames"/> calls of mj_step with the current ctrl.</summary>
    public void Step(int frames) => MuJoCoNative.Check(MuJoCoNative.qp_step(LiveModel, Live, frames), "mj_step");

    private IntPtr Live => _data != IntPtr.Zero ? _data : throw new ObjectDisposedException(nameof(Simulation));
    private IntPtr LiveModel => _model != IntPtr.Zero ? _model : throw new ObjectDisposedException(nameof(Simulation));

    public void Dispose()
    {
        if (_data != IntPtr.Zero) MuJoCoNative.qp_free_data(_data);
        if (_model != IntPtr.Zero) MuJoCoNative.qp_free_model(_model);
        _data = _model = IntPtr.Zero;
    }
}
