package dev.tracerlinks.tracker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JavaType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads JSON request bodies into records, turning every parse failure into a 400 with a sentence. */
public final class RequestBodies {
    private final ObjectMapper mapper;

    public RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The raw body, refused with a 413 when it is over {@code maxBytes} (checked while reading, not only by Content-Length). */
    public byte[] readBytes(Context ctx, int maxBytes) {
        if (ctx.contentLength() > maxBytes) {
            throw tooLarge(ctx.contentLength(), maxBytes);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(-1, maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
    }

    private static ApiException tooLarge(long size, int maxBytes) {
        return new ApiException(413, "The request body is " + (size < 0 ? "over the limit" : size + " bytes") + "; the limit is "
                + maxBytes + " bytes (" + (maxBytes >> 20) + " MiB).", Map.of("limit_bytes", maxBytes));
    }

    public <T> T read(Context ctx, Class<T> type) {
        return read(ctx, mapper.constructType(type));
    }

    public <T> T read(Context ctx, JavaType type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("The request body is empty; send a JSON document with Content-Type: application/json.");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("The request body is JSON null; send a JSON document.");
            }
            return value;
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("Field " + path(e) + " has an invalid value " + quoted(e.getValue())
                    + "; expected " + expected(e.getTargetType()) + ".");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiException.badRequest(field.isEmpty()
                    ? "The request body has the wrong shape; expected " + expected(e.getTargetType()) + "."
                    : "Field " + field + " has the wrong type; expected " + expected(e.getTargetType()) + ".");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest("The request body is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String quoted(Object value) {
        String text = String.valueOf(value);
        return "\"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Instant.class) {
            return "an ISO-8601 UTC timestamp such as 2025-07-27T21:15:30Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a " + type.getSimpleName();
    }
}
