"""Minimal ua-parser (uap-core regexes.yaml) implementation: user-agent family and device family.
Follows docs/specification.md of uap-core: first matching regex wins; $N substitution in replacements."""
import re, yaml

def _sub(repl, m):
    if repl is None:
        return None
    def g(mm):
        i = int(mm.group(1))
        try:
            v = m.group(i)
        except IndexError:
            v = None
        return v or ''
    return re.sub(r'\$(\d)', g, repl).strip()

class UAP:
    def __init__(self, path):
        d = yaml.safe_load(open(path, encoding='utf-8'))
        self.ua = []; self.dev = []; self.bad = 0
        for key, dst in (('user_agent_parsers', self.ua), ('device_parsers', self.dev)):
            for p in d[key]:
                flags = re.I if p.get('regex_flag') == 'i' else 0
                try:
                    dst.append((re.compile(p['regex'], flags), p))
                except re.error:
                    self.bad += 1
    def ua_family(self, s):
        for rx, p in self.ua:
            m = rx.search(s)
            if m:
                fr = p.get('family_replacement')
                if fr is not None:
                    return _sub(fr, m) if '$' in fr else fr
                return (m.group(1) if m.lastindex else '') or 'Other'
        return 'Other'
    def device_family(self, s):
        for rx, p in self.dev:
            m = rx.search(s)
            if m:
                dr = p.get('device_replacement')
                if dr is not None:
                    return _sub(dr, m) or 'Other'
                return (m.group(1) if m.lastindex else '') or 'Other'
        return 'Other'
