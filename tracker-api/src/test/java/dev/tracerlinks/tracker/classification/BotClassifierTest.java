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
    private static final Map<String, String> BROWSER_SIGNALS = Map.of("accept-language-present", "true",
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
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)                                | ua:Googlebot",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36 | ua:Googlebot",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)                                  | ua:bingbot",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)                                         | ua:yandex.com/bots",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)                      | ua:Baiduspider",
        "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)                                               | ua:DuckDuckBot",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)                                       | ua:AhrefsBot",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)                              | ua:SemrushBot",
        "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)                                            | ua:MJ12bot",
        "Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)                 | ua:dotbot",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot) | ua:Applebot",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)   | ua:GPTBot",
        "CCBot/2.0 (https://commoncrawl.org/faq/)                                                                 | ua:CCBot",
        "Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)                      | ua:PetalBot",
        // Link previewers
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)                                               | ua:Slackbot",
        "Slackbot 1.0 (+https://api.slack.com/robots)                                                             | ua:Slackbot",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)                    | ua:LinkedInBot",
        "WhatsApp/2.23.20.0                                                                                       | ua:WhatsApp",
        "WhatsApp/2.2349.52 i                                                                                     | ua:WhatsApp",
        "TelegramBot (like TwitterBot)                                                                            | ua:TelegramBot",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)                                       | ua:Discordbot",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)                                | ua:facebookexternalhit",
        "facebookexternalhit/1.1 Facebot Twitterbot/1.0                                                           | ua:facebookexternalhit",
        "Twitterbot/1.0                                                                                           | ua:Twitterbot",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com          | ua:SkypeUriPreview",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/105.0.0.0 Safari/537.36 Teams/1.6.00.4472 | ua:Teams",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)                               | ua:Microsoft-Office-preview",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview | ua:MicrosoftPreview",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b      | ua:BingPreview",
        "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)                                         | ua:Embedly",
        "Iframely/1.3.1 (+https://iframely.com/docs/about)                                                        | ua:Iframely",
        "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)                                 | ua:redditbot",
        "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)                           | ua:pinterest.com/bot",
        "Signal-Desktop/7.35.0                                                                                    | ua:Signal",
        "TracerLinks-Readiness/1.0                                                                                | ua:TracerLinks-Readiness",
        // Email security scanners
        "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))                                                        | ua:Barracuda",
        "Mimecast-URL-Protect/1.0                                                                                 | ua:Mimecast",
        "Proofpoint URL Defense                                                                                   | ua:Proofpoint",
        "Cisco-IronPort-Scanner/1.0                                                                               | ua:Cisco-IronPort",
        "Forcepoint-Email-Security/8.5                                                                            | ua:Forcepoint",
        // HTTP clients and tools
        "curl/8.5.0                                                                                               | ua:curl",
        "Wget/1.21.4                                                                                              | ua:wget",
        "python-requests/2.32.3                                                                                   | ua:python-requests",
        "python-httpx/0.27.0                                                                                      | ua:httpx",
        "Python/3.11 aiohttp/3.9.5                                                                                | ua:aiohttp",
        "Python-urllib/3.11                                                                                       | ua:Python-urllib",
        "Go-http-client/1.1                                                                                       | ua:Go-http-client",
        "Go-http-client/2.0                                                                                       | ua:Go-http-client",
        "okhttp/4.12.0                                                                                            | ua:okhttp",
        "Java-http-client/17.0.15                                                                                 | ua:Java-http-client",
        "Java/17.0.8                                                                                              | ua:Java",
        "Apache-HttpClient/4.5.14 (Java/17.0.8)                                                                   | ua:Apache-HttpClient",
        "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)                                                   | ua:node-fetch",
        "axios/1.7.2                                                                                              | ua:axios",
        "undici                                                                                                   | ua:undici",
        "PostmanRuntime/7.42.0                                                                                    | ua:PostmanRuntime",
        "libwww-perl/6.72                                                                                         | ua:libwww-perl",
        "Ruby                                                                                                     | ua:Ruby",
        "Dart/3.5 (dart:io)                                                                                       | ua:Dart",
        "HTTPie/3.2.2                                                                                             | ua:HTTPie",
        // Headless browsers
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36 | ua:HeadlessChrome",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1  | ua:PhantomJS",
    })
    void bots_are_flagged_with_the_rule_that_caught_them(String userAgent, String reason) {
        BotClassifier.Verdict verdict = CLASSIFIER.classify("GET", userAgent, BROWSER_SIGNALS);
        assertThat(verdict.isBot()).as(userAgent).isTrue();
        assertThat(verdict.reason()).isEqualTo(reason);
    }

    @Test
    void the_whole_crawler_list_is_loaded() {
        // 1,500 patterns in crawler-user-agents 1.60.0 plus our own; a loading bug must not silently drop them.
        assertThat(UserAgentRules.load(Json.newMapper()).size()).isGreaterThan(1_500);
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
}
