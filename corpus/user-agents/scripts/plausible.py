"""Plausibility checks for human-labelled UAs (catches spoofed/randomised UAs in traffic-derived lists)."""
import re

# (Chrome major, first-ish build number) anchor points from Chromium release history
_ANCHORS = [(40, 2214), (45, 2454), (50, 2661), (53, 2785), (55, 2883), (58, 3029), (60, 3112), (65, 3325),
            (70, 3538), (75, 3770), (80, 3987), (85, 4183), (90, 4430), (95, 4638), (100, 4896), (105, 5195),
            (110, 5481), (115, 5790), (120, 6099), (125, 6422), (130, 6723), (135, 7049), (140, 7339),
            (142, 7444), (153, 8010)]
_TOL = 300


def _expected_build(major):
    a = _ANCHORS
    if major <= a[0][0]:
        return None
    for (m1, b1), (m2, b2) in zip(a, a[1:]):
        if m1 <= major <= m2:
            return b1 + (b2 - b1) * (major - m1) / (m2 - m1)
    (m1, b1), (m2, b2) = a[-2], a[-1]
    return b2 + (b2 - b1) / (m2 - m1) * (major - m2)


CHROME = re.compile(r'(?:Chrome|CriOS|Chromium)/(\d+)((?:\.\d+)*)')


def chrome_problem(ua):
    """Return a reason string if a Chrome version token is implausible, else None."""
    for m in CHROME.finditer(ua):
        major = int(m.group(1))
        rest = m.group(2)
        parts = rest.split('.')[1:] if rest else []
        if major >= 40 and len(parts) != 3:
            return 'chrome_version_not_4_part'
        if major >= 40 and parts and parts[0] != '0':
            return 'chrome_minor_not_0'
        if major >= 41 and parts and parts[1] != '0':
            exp = _expected_build(major)
            if exp and abs(int(parts[1]) - exp) > _TOL:
                return 'chrome_build_implausible'
    return None


SHAPE = re.compile(r'^Mozilla/5\.0 \([^()]+(?:\([^()]*\)[^()]*)*\) (?:AppleWebKit/[\d.+]+ \(KHTML, like Gecko\) .*(?:Safari/[\d.]+|Mobile/\w+)|Gecko/\d+ Firefox/[\d.]+)')


def traffic_shape_problem(ua):
    """For traffic-derived lists (top-user-agents, user-agents): require a complete browser UA shape."""
    if not SHAPE.search(ua):
        return 'incomplete_browser_shape'
    return chrome_problem(ua)
