// A few C accessors over MuJoCo 2.2.2 for P/Invoke: mjModel and mjData change layout between MuJoCo versions,
// so the C# side reads their fields through these functions, compiled against the installed headers, and never
// through hard-coded offsets. MuJoCo reports fatal errors through mju_user_error, which by default prints and
// exits the process: every entry point that can raise one runs under setjmp, and the handler jumps back with
// MuJoCo's own text, which the caller reads with qp_last_error.
#include <mujoco/mujoco.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static _Thread_local jmp_buf s_jump;
static _Thread_local int s_armed;
static _Thread_local char s_error[1024];

static void on_error(const char* message)
{
    snprintf(s_error, sizeof s_error, "%s", message);
    if (s_armed) longjmp(s_jump, 1);
}

#define GUARDED(body, failure)                  \
    do {                                        \
        mju_user_error = on_error;              \
        s_error[0] = 0;                         \
        s_armed = 1;                            \
        if (setjmp(s_jump)) {                   \
            s_armed = 0;                        \
            return failure;                     \
        }                                       \
        body;                                   \
        s_armed = 0;                            \
    } while (0)

const char* qp_last_error(void) { return s_error; }

const char* qp_version(void)
{
    static char text[16];
    snprintf(text, sizeof text, "%d.%d.%d", mj_version() / 100, mj_version() / 10 % 10, mj_version() % 10);
    return text;
}

// mj_loadXML's own error buffer carries parse and compile errors (a missing file, malformed XML, bad attributes).
mjModel* qp_load_xml(const char* path)
{
    mjModel* model = NULL;
    GUARDED({
        char error[1000] = "";
        model = mj_loadXML(path, NULL, error, sizeof error);
        if (!model) snprintf(s_error, sizeof s_error, "%s", error[0] ? error : "mj_loadXML returned no model");
    }, NULL);
    return model;
}

mjData* qp_make_data(const mjModel* m)
{
    mjData* d = NULL;
    GUARDED(d = mj_makeData(m), NULL);
    return d;
}

void qp_free_model(mjModel* m) { mj_deleteModel(m); }
void qp_free_data(mjData* d) { mj_deleteData(d); }

int qp_nq(const mjModel* m) { return m->nq; }
int qp_nv(const mjModel* m) { return m->nv; }
int qp_nu(const mjModel* m) { return m->nu; }
double qp_timestep(const mjModel* m) { return m->opt.timestep; }
const mjtNum* qp_qpos0(const mjModel* m) { return m->qpos0; }
const mjtNum* qp_actuator_ctrlrange(const mjModel* m) { return m->actuator_ctrlrange; }
const mjtByte* qp_actuator_ctrllimited(const mjModel* m) { return m->actuator_ctrllimited; }

mjtNum* qp_qpos(mjData* d) { return d->qpos; }
mjtNum* qp_qvel(mjData* d) { return d->qvel; }
mjtNum* qp_ctrl(mjData* d) { return d->ctrl; }
double qp_time(const mjData* d) { return d->time; }

int qp_reset(const mjModel* m, mjData* d)
{
    GUARDED(mj_resetData(m, d), -1);
    return 0;
}

int qp_forward(const mjModel* m, mjData* d)
{
    GUARDED(mj_forward(m, d), -1);
    return 0;
}

// frames mj_step calls in a row: Gym's do_simulation(ctrl, frame_skip) with ctrl already in d->ctrl.
int qp_step(const mjModel* m, mjData* d, int frames)
{
    GUARDED(for (int i = 0; i < frames; i++) mj_step(m, d), -1);
    return 0;
}
