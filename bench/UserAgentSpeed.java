import dev.tracerlinks.model.Json;
import dev.tracerlinks.tracker.classification.BotClassifier;
import dev.tracerlinks.tracker.classification.UserAgentRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cost of one click classification (issue #16), in a warm JVM: for user agents never seen before
 * (a flood of invented ones: each evaluation user agent with a random version number spliced in, so
 * no cache helps) and for user agents seen before (the cache). Run against any tracker-api.jar whose
 * BotClassifier has this constructor and classify(...), so the release before can be measured in
 * the same run: java -cp tracker-api.jar bench/UserAgentSpeed.java corpus/user-agents [unique count]
 */
public class UserAgentSpeed {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "corpus/user-agents");
        int uniqueCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<String> base = new ArrayList<>();
        for (String file : new String[] {"bots.tsv", "humans.tsv"}) {
            List<String> lines = Files.readAllLines(corpus.resolve(file));
            lines.subList(1, lines.size()).forEach(line -> base.add(line.split("\t", 2)[0]));
        }
        Map<String, String> browser = Map.of("accept", "text/html", "sec-fetch-site", "cross-site", "sec-fetch-mode", "navigate",
                "sec-fetch-dest", "document", "accept-language-present", "true");
        Random random = new Random(42);
        List<String> unique = new ArrayList<>(uniqueCount);
        for (int i = 0; i < uniqueCount; i++) {
            String ua = base.get(random.nextInt(base.size()));
            // A different number where the user agent has one, else appended: every string is new.
            unique.add(ua.matches("(?s).*\\d.*") ? ua.replaceFirst("\\d+", String.valueOf(random.nextInt(1_000_000))) + " " + i : ua + " " + i);
        }

        long started = System.nanoTime();
        BotClassifier classifier = new BotClassifier(UserAgentRules.load(Json.newMapper()));
        System.out.printf("load: %.0f ms%n", (System.nanoTime() - started) / 1e6);
        // Warm-up on other strings than the measured ones.
        for (int i = 0; i < 20_000; i++) {
            classifier.classify("GET", base.get(i % base.size()) + " warm" + i, browser);
        }
        long[] uniqueNanos = time(classifier, unique, browser);
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            repeated.add(base.get(i % 2000));
        }
        time(classifier, repeated, browser);
        long[] cachedNanos = time(classifier, repeated, browser);
        report("unique user agents (" + unique.size() + ")", uniqueNanos);
        report("cached user agents (2,000 distinct, 200,000 calls)", cachedNanos);
        // Shapes that make backtracking regexes slow, at the 512 characters the edge keeps of a user agent; each made
        // unique 2,000 times, so every call runs every list.
        String[] shapes = {"a", "(", "; ", "1.", "bot", "http:/", "A/1 ", "Mozilla/5.0 (", " ", "Build/", "-_", "%"};
        for (String shape : shapes) {
            List<String> adversarial = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String ua = ("Mozilla/5.0 " + shape.repeat(512)).substring(0, 500) + i;
                adversarial.add(ua);
            }
            report("adversarial '" + shape + "' x 512 (2,000 unique)", time(classifier, adversarial, browser));
        }
    }

    private static long[] time(BotClassifier classifier, List<String> userAgents, Map<String, String> signals) {
        long[] nanos = new long[userAgents.size()];
        int bots = 0;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            if (classifier.classify("GET", userAgents.get(i), signals).isBot()) {
                bots++;
            }
            nanos[i] = System.nanoTime() - start;
        }
        if (bots < 0) {
            System.out.println(bots);
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        System.out.printf("%s: mean %.1f µs, p50 %.1f µs, p99 %.1f µs, max %.1f µs%n", what, mean,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }
}
