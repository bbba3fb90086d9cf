"""Shared by the web benchmarks (bench-web.sh, bench-web-load.sh, bench-million.sh): the login of
the `bench` reader account they create, and the 95th percentile they report."""
import http.cookiejar, re, urllib.parse, urllib.request


def login(base):
    """Logs in as `bench` at `base`; returns the cookie jar (shared by client threads) and an
    opener carrying it."""
    jar = http.cookiejar.CookieJar()
    web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = web.open(base + "/login").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"csrf": csrf, "name": "bench", "password": "bench-password-123", "next": "/"}).encode()
    web.open(base + "/login", form).read()
    return jar, web


def p95(values):
    """The 95th percentile (nearest rank) of `values`."""
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * 0.95))]
