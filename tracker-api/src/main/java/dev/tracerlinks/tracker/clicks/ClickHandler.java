package dev.tracerlinks.tracker.clicks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JavaType;
import dev.tracerlinks.model.ClickEvent;
import dev.tracerlinks.model.ClickRecorded;
import dev.tracerlinks.tracker.http.RequestBodies;
import io.javalin.http.Context;
import java.util.List;

/** The guide's {@code record-click}, the redirector's batched {@code record-clicks}, and the visitor salt. */
public final class ClickHandler {
    private final ClickIngestor ingestor;
    private final VisitorSalts salts;
    private final RequestBodies bodies;
    private final JavaType clickList;

    public ClickHandler(ClickIngestor ingestor, VisitorSalts salts, RequestBodies bodies, ObjectMapper mapper) {
        this.ingestor = ingestor;
        this.salts = salts;
        this.bodies = bodies;
        this.clickList = mapper.getTypeFactory().constructCollectionType(List.class, ClickEvent.class);
    }

    public void recordOne(Context ctx) {
        ClickRecorded recorded = ingestor.recordOne(bodies.read(ctx, ClickEvent.class));
        // 201 when this call stored the click, 200 when it was already there (as conversions answer a repeat).
        ctx.status("recorded".equals(recorded.status()) ? 201 : 200).json(recorded);
    }

    public void recordBatch(Context ctx) {
        List<ClickEvent> events = bodies.readSkippingUnknownFields(ctx, clickList);
        ctx.json(ingestor.recordBatch(events));
    }

    public void visitorSalt(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(salts.today());
    }
}
