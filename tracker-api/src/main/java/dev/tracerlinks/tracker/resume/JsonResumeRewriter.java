package dev.tracerlinks.tracker.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracerlinks.model.RewrittenLink;
import dev.tracerlinks.tracker.pdf.Deadline;
import dev.tracerlinks.tracker.pdf.PdfRejectedException;
import dev.tracerlinks.tracker.pdf.PdfRewriter.IssuedLink;
import dev.tracerlinks.tracker.pdf.PdfRewriter.LinkIssuer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites a JSON Resume (or a Reactive Resume export): every http(s) string under a key named
 * {@code url} or {@code website}, and the {@code href} of such a key when it holds an object
 * ({@code "url": {"label", "href"}} in Reactive Resume). The source path is the field's JSON path
 * ({@code basics.profiles[1].url}), so the same document issued again reuses its tokens. A text
 * field next to the URL that shows that URL (a label) is updated; descriptive labels are kept.
 * Other fields are never touched, and neither are images: a {@code url} under a picture, photo,
 * avatar or logo ({@code basics.picture.url} in Reactive Resume), or one whose path ends in an
 * image file name, is loaded by the resume's renderer, and a redirect there would break the
 * picture and count the renderer's fetches as clicks.
 */
final class JsonResumeRewriter {
    /** Keys whose whole value is an image: nothing under them is a link a reader clicks. */
    private static final Set<String> IMAGE_KEYS = Set.of("picture", "image", "photo", "avatar", "logo", "icon", "thumbnail",
            "cover", "banner", "headshot", "portrait", "img");
    private static final Pattern IMAGE_FILE = Pattern.compile("(?i)\\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|heic|tiff?)([?#].*)?$");

    /** The rewritten document and one entry per URL field found. */
    record Result(JsonNode document, List<RewrittenLink> links) {
    }

    /** A URL field found in the document: {@code owner.field} holds it, {@code labels} the texts next to it. */
    private record UrlField(ObjectNode owner, String field, String path, ObjectNode labels) {
        String url() {
            return owner.get(field).asText().strip();
        }

        boolean needsLink() {
            String url = url();
            return isHttp(url) && !IMAGE_FILE.matcher(url).find();
        }
    }

    /**
     * {@code updateLabels}: false for {@code visible_text=keep}, which leaves the texts that show a URL as
     * they are. Over {@code maxLinks} links to issue, nothing is issued and the document is refused (422);
     * the deadline is checked before each link.
     */
    Result rewrite(JsonNode document, LinkIssuer issuer, boolean updateLabels, int maxLinks, Deadline deadline) {
        JsonNode copy = document.deepCopy();
        List<UrlField> fields = new ArrayList<>();
        collect(copy, "", fields);
        long toIssue = fields.stream().filter(UrlField::needsLink).count();
        if (toIssue > maxLinks) {
            // Counted before a single link is issued: a link farm costs a walk over the tree, never a database write.
            throw new PdfRejectedException(422, "The JSON resume has " + toIssue + " web links; the limit is " + maxLinks
                    + ", and a resume has far fewer, so it is not rewritten.");
        }
        List<RewrittenLink> links = new ArrayList<>();
        for (UrlField field : fields) {
            deadline.check();
            rewriteField(field.owner(), field.field(), field.path(), field.labels(), issuer, updateLabels, links);
        }
        return new Result(copy, links);
    }

    private void collect(JsonNode node, String path, List<UrlField> fields) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                String childPath = path.isEmpty() ? name : path + "." + name;
                if (IMAGE_KEYS.contains(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (isUrlKey(name) && value.isTextual()) {
                    fields.add(new UrlField(object, name, childPath, object));
                } else if (isUrlKey(name) && value instanceof ObjectNode holder && holder.path("href").isTextual()) {
                    fields.add(new UrlField(holder, "href", childPath + ".href", holder));
                } else {
                    collect(value, childPath, fields);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), path + "[" + i + "]", fields);
            }
        }
    }

    private static void rewriteField(ObjectNode owner, String field, String path, ObjectNode labels, LinkIssuer issuer,
                                     boolean updateLabels, List<RewrittenLink> links) {
        String url = owner.get(field).asText().strip();
        if (url.isEmpty()) {
            return;
        }
        if (!isHttp(url)) {
            links.add(new RewrittenLink(path, url, "skipped", "not an http(s) URL, left as it is", null, null, null, false));
            return;
        }
        if (IMAGE_FILE.matcher(url).find()) {
            links.add(new RewrittenLink(path, url, "skipped", "an image, which the resume loads rather than links to; left as it is",
                    null, null, null, false));
            return;
        }
        IssuedLink tracer;
        try {
            tracer = issuer.issue(path, url, null);
        } catch (IllegalArgumentException e) {
            links.add(new RewrittenLink(path, url, "skipped", e.getMessage(), null, null, null, false));
            return;
        }
        owner.put(field, tracer.redirectUrl());
        String label = null;
        boolean labelRewritten = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals(field) || isUrlKey(entry.getKey()) || !entry.getValue().isTextual()) {
                continue;
            }
            String text = entry.getValue().asText();
            if (showsUrl(text, url)) {
                label = text;
                if (updateLabels) {
                    labelRewritten = true;
                    entry.setValue(labels.textNode(tracer.printedUrl() != null ? tracer.printedUrl()
                            : hasScheme(text) ? tracer.redirectUrl() : withoutScheme(tracer.redirectUrl())));
                }
            }
        }
        links.add(new RewrittenLink(path, url, "rewritten", null, tracer.trackingId(), tracer.redirectUrl(), label, labelRewritten));
    }

    /** A label shows the URL when it is the URL give or take scheme, {@code www.} and a trailing slash. */
    static boolean showsUrl(String label, String url) {
        String shown = bare(label);
        return !shown.isEmpty() && shown.equals(bare(url));
    }

    private static String bare(String text) {
        String value = withoutScheme(text.strip()).toLowerCase(Locale.ROOT);
        value = value.startsWith("www.") ? value.substring(4) : value;
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static boolean isUrlKey(String name) {
        return name.equalsIgnoreCase("url") || name.equalsIgnoreCase("website");
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static boolean hasScheme(String text) {
        return isHttp(text.strip());
    }

    private static String withoutScheme(String url) {
        return url.replaceFirst("(?i)^https?://", "");
    }
}
