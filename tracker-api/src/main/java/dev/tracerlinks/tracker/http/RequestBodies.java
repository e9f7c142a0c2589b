package dev.tracerlinks.tracker.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JavaType;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies into records, turning every parse failure into a 400 with a sentence.
 * Reading is strict where the shared mapper is lenient: a field given twice, a string where a boolean
 * or number belongs (or the reverse), a number with a fraction for a whole number, and text that is
 * not valid Unicode (a lone surrogate) are refused, not guessed at.
 */
public final class RequestBodies {
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");

    private final ObjectMapper mapper;

    public RequestBodies(ObjectMapper mapper) {
        this.mapper = strict(mapper);
    }

    static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper strict = shared.copy();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // A field this request does not take is refused by name: {"is_active":true,"destination_url":...} must not
        // answer 200 having ignored the destination. Data after the document is refused too.
        strict.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (LogicalType type : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float, LogicalType.Textual}) {
            strict.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        strict.registerModule(new SimpleModule("valid-unicode").addDeserializer(String.class, new ValidUnicodeStrings())
                .addKeyDeserializer(String.class, new ValidUnicodeKeys()));
        return strict;
    }

    /** Strings as Jackson reads them, refused when an escape left half of a surrogate pair (it cannot be stored as UTF-8). */
    private static final class ValidUnicodeStrings extends StdScalarDeserializer<String> {
        ValidUnicodeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && hasLoneSurrogate(value)) {
                throw InvalidFormatException.from(parser, "a lone surrogate", value, String.class);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Map keys (metadata, signals) as Jackson reads them, refused like strings when they hold half of a surrogate pair. */
    private static final class ValidUnicodeKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (hasLoneSurrogate(key)) {
                throw context.weirdKeyException(String.class, key, "half of a surrogate pair");
            }
            return key;
        }
    }

    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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

    /**
     * A document upload: the raw body, or the one file of a {@code multipart/form-data} body (what
     * {@code curl -F file=@resume.pdf} sends). The form's envelope is never taken for the document.
     */
    public byte[] readDocument(Context ctx, int maxBytes) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("multipart/")) {
            return readBytes(ctx, maxBytes);
        }
        if (!ctx.isMultipartFormData()) {
            drain(ctx, maxBytes + (64L << 10));
            throw new ApiException(415, "A multipart body must be multipart/form-data with the document as its only file;"
                    + " or send the document itself as the body.");
        }
        if (ctx.contentLength() > maxBytes + (64L << 10)) {
            throw tooLarge(ctx.contentLength(), maxBytes);
        }
        if (!contentType.contains("boundary=")) {
            drain(ctx, maxBytes + (64L << 10));
            throw ApiException.badRequest("The multipart form could not be read (its Content-Type names no boundary);"
                    + " send the document as its only file (curl -F file=@resume.pdf), or the document itself as the body.");
        }
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) {
            // The servlet container refuses a part over its size limit, or a form it cannot parse; Jetty's parser
            // throws checked exceptions (ServletException, EOFException) through here too. The rest of the body is
            // unread and the connection's state unknown: close it after the answer rather than let the client reuse it.
            ctx.header("Connection", "close");
            if (overSizeLimit(e)) {
                throw new ApiException(413, "The multipart form could not be read: it is over the limit of " + maxBytes + " bytes.",
                        Map.of("limit_bytes", maxBytes));
            }
            throw ApiException.badRequest("The multipart form could not be read (its parts do not match its boundary);"
                    + " send the document as its only file (curl -F file=@resume.pdf), or the document itself as the body.");
        }
        if (files.size() != 1) {
            throw ApiException.badRequest("The multipart form holds " + files.size() + " files; send the document as its only file"
                    + " (curl -F file=@resume.pdf), or send the document itself as the body.");
        }
        UploadedFile file = files.get(0);
        if (file.size() > maxBytes) {
            throw tooLarge(file.size(), maxBytes);
        }
        try (InputStream in = file.content()) {
            return in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("The uploaded file could not be read.");
        }
    }

    /**
     * Reads and discards the body, up to {@code limit} bytes, before a refusal that did not need it: a body
     * left unread when the answer closes the connection makes the client's TCP stack reset it, and the client
     * sees no answer at all (CI saw exactly that, for a form without a boundary and for multipart/mixed).
     * Only for refusals made before any parser touched the body.
     */
    private static void drain(Context ctx, long limit) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] buffer = new byte[64 << 10];
            for (long read = 0; read <= limit; ) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            // A client that stops sending gets the refusal all the same.
        }
    }

    /** Whether a failure of the multipart parser, or one of its causes, is the container's size limit. */
    private static boolean overSizeLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("exceeds") || message.contains("too large") || message.contains("max")) {
                return true;
            }
        }
        return false;
    }

    private static ApiException tooLarge(long size, int maxBytes) {
        return new ApiException(413, "The request body is " + (size < 0 ? "over the limit" : size + " bytes") + "; the limit is "
                + maxBytes + " bytes (" + (maxBytes >> 20) + " MiB).", Map.of("limit_bytes", maxBytes));
    }

    public <T> T read(Context ctx, Class<T> type) {
        return read(ctx, mapper.constructType(type));
    }

    public <T> T read(Context ctx, JavaType type) {
        return read(ctx.bodyAsBytes(), type);
    }

    public <T> T read(byte[] body, Class<T> type) {
        return read(body, mapper.constructType(type));
    }

    /**
     * Like {@link #read(Context, JavaType)}, but fields the type does not know are skipped: for the edge's
     * click batches, so a newer redirector that sends one more field keeps delivering to an older tracker-api.
     */
    public <T> T readSkippingUnknownFields(Context ctx, JavaType type) {
        return read(ctx.bodyAsBytes(), mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), type);
    }

    public <T> T read(byte[] body, JavaType type) {
        return read(body, mapper.readerFor(type), type);
    }

    private <T> T read(byte[] body, ObjectReader reader, JavaType type) {
        if (body.length == 0) {
            throw ApiException.badRequest("The request body is empty; send a JSON document with Content-Type: application/json.");
        }
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw ApiException.badRequest("The request body is JSON null; send a JSON document.");
            }
            if (value instanceof JsonNode tree) {
                // A tree keeps whatever text it was given; written back out, half a surrogate pair turns into "?".
                checkUnicode(tree, "");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String field = path(e);
            throw new ApiException(400, "Field " + (field.isEmpty() ? e.getPropertyName() : field) + " is not one this request takes"
                    + (known.isEmpty() ? "" : "; the fields are " + String.join(", ", known)) + ".",
                    Map.of("field", e.getPropertyName()));
        } catch (InvalidFormatException e) {
            if (e.getValue() instanceof String text && hasLoneSurrogate(text)) {
                throw ApiException.badRequest("Field " + path(e) + " is not valid Unicode text (it holds half of a surrogate pair).");
            }
            throw ApiException.badRequest("Field " + path(e) + " has an invalid value " + quoted(e.getValue())
                    + "; expected " + expected(e.getTargetType()) + ".");
        } catch (MismatchedInputException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw ApiException.badRequest("The request body goes on after its JSON document; send one JSON document and nothing after it.");
            }
            String field = path(e);
            throw ApiException.badRequest(field.isEmpty()
                    ? "The request body has the wrong shape; expected " + expected(e.getTargetType()) + "."
                    : "Field " + field + " has the wrong type; expected " + expected(e.getTargetType()) + ".");
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
    }

    private static void checkUnicode(JsonNode node, String path) {
        if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
            throw ApiException.badRequest("Field " + path + " is not valid Unicode text (it holds half of a surrogate pair).");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasLoneSurrogate(field.getKey())) {
                    throw ApiException.badRequest("A field name in " + (path.isEmpty() ? "the request body" : path)
                            + " is not valid Unicode text (it holds half of a surrogate pair).");
                }
                checkUnicode(field.getValue(), at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkUnicode(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static ApiException notJson(JsonProcessingException e) {
        // Parser errors inside a map (metadata, signals) arrive wrapped in a mapping error; the original message says what it was.
        Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return ApiException.badRequest("Field " + duplicate.group(1) + " appears twice in the request body; send each field once.");
        }
        if (String.valueOf(e.getOriginalMessage()).contains("surrogate in field name")) {
            // The parser itself refuses half of a surrogate pair in a field name (inside a map, wrapped in a mapping error).
            return ApiException.badRequest("A field name in the request body is not valid Unicode text (it holds half of a surrogate pair).");
        }
        String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return ApiException.badRequest("The request body is not valid JSON" + where + ".");
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
