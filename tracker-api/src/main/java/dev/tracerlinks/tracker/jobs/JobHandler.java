package dev.tracerlinks.tracker.jobs;

import dev.tracerlinks.model.JobPatch;
import dev.tracerlinks.model.JobRequest;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;

/** {@code PUT/GET/PATCH /api/jobs/{job_id}}. */
public final class JobHandler {
    private final Jobs jobs;
    private final RequestBodies bodies;

    public JobHandler(Jobs jobs, RequestBodies bodies) {
        this.jobs = jobs;
        this.bodies = bodies;
    }

    public void put(Context ctx) {
        Jobs.Upserted result = jobs.put(ctx.pathParam("job_id"), bodies.read(ctx, JobRequest.class));
        ctx.status(result.created() ? 201 : 200).json(result.job());
    }

    public void get(Context ctx) {
        ctx.json(jobs.get(ctx.pathParam("job_id")));
    }

    public void patch(Context ctx) {
        ctx.json(jobs.patch(ctx.pathParam("job_id"), bodies.read(ctx, JobPatch.class)));
    }
}
