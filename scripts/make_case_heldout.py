#!/usr/bin/env python3
"""Generate the HELD-OUT case corpus in fixtures/cases-heldout/.

Synthetic inbound (and sent) mail of the parliamentary office of an
invented senator of Isere, Helene Marchal.  Every person, address and
scenario is invented.  The corpus was written independently of the code
and of the first case corpus, to measure classification (kind) and case
grouping on messages nobody tuned the code against.

Deterministic: fixed seed, fixed MIME boundaries, no clock, no
environment.  Re-running produces byte-identical files.

    python3 scripts/make_case_heldout.py           # write, then validate
    python3 scripts/make_case_heldout.py --check   # validate existing files

stdlib only.
"""
import base64
import csv
import io
import quopri
import random
import re
import string
import sys
import urllib.parse
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.header import Header
from email.utils import formataddr, parseaddr, parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "cases-heldout"
SEED = 20260338
R = random.Random(SEED)

OFFICE_NAME = "Permanence de la sénatrice H. Marchal"
OFFICE_ADDR = "permanence@senateur-exemple.fr"
OFFICE = (OFFICE_NAME, OFFICE_ADDR)
FORM = ("Site de la sénatrice H. Marchal", "noreply@senateur-exemple.fr")
MX = "mx1.senateur-exemple.fr"
UNDISCLOSED = "undisclosed-recipients:;"

# --------------------------------------------------------------------------
# dates

EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_DAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                "Saturday", "Sunday"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
             "Oct", "Nov", "Dec"]
EN_MONTHS_LONG = ["January", "February", "March", "April", "May", "June",
                  "July", "August", "September", "October", "November",
                  "December"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
           "dimanche"]
FR_DAYS_ABBR = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
             "août", "septembre", "octobre", "novembre", "décembre"]
FR_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                  "août", "sept.", "oct.", "nov.", "déc."]

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
UTC = timezone.utc


def paris_tz(naive):
    """Europe/Paris in 2026: summer time from 29 March to 25 October."""
    if datetime(2026, 3, 29, 2) <= naive < datetime(2026, 10, 25, 3):
        return CEST
    return CET


def when(s):
    """'2026-01-08 10:05[:12]' local Paris time -> aware datetime."""
    day, hm = s.split()
    y, mo, d = (int(x) for x in day.split("-"))
    parts = [int(x) for x in hm.split(":")]
    sec = parts[2] if len(parts) == 3 else R.randrange(60)
    naive = datetime(y, mo, d, parts[0], parts[1], sec)
    return naive.replace(tzinfo=paris_tz(naive))


def after(dt, minutes=0, seconds=0):
    return dt + timedelta(minutes=minutes, seconds=seconds)


def rfc_date(dt, tz=None, zone_comment=False):
    if tz is not None:
        dt = dt.astimezone(tz)
    off = int(dt.utcoffset().total_seconds() // 60)
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    s = (f"{EN_DAYS[dt.weekday()]}, {dt.day} {EN_MONTHS[dt.month - 1]} "
         f"{dt.year} {dt:%H:%M:%S} {sign}{off // 60:02d}{off % 60:02d}")
    if zone_comment:
        s += " (CEST)" if dt.utcoffset() == timedelta(hours=2) else (
            " (CET)" if dt.utcoffset() == timedelta(hours=1) else " (UTC)")
    return s


def fr_long(dt):
    return (f"{FR_DAYS[dt.weekday()]} {dt.day} {FR_MONTHS[dt.month - 1]} "
            f"{dt.year} {dt:%H:%M}")


def fr_gmail(dt):
    return (f"{FR_DAYS_ABBR[dt.weekday()]} {dt.day} "
            f"{FR_MONTHS_ABBR[dt.month - 1]} {dt.year} à {dt:%H:%M}")


def en_outlook(dt):
    h = dt.hour % 12 or 12
    ampm = "AM" if dt.hour < 12 else "PM"
    return (f"{EN_DAYS_LONG[dt.weekday()]}, {EN_MONTHS_LONG[dt.month - 1]} "
            f"{dt.day}, {dt.year} {h}:{dt:%M} {ampm}")


def en_gmail(dt):
    h = dt.hour % 12 or 12
    ampm = "AM" if dt.hour < 12 else "PM"
    return (f"{EN_DAYS[dt.weekday()]}, {EN_MONTHS[dt.month - 1]} {dt.day}, "
            f"{dt.year} at {h}:{dt:%M} {ampm}")


def fr_day(dt):
    return f"{FR_DAYS[dt.weekday()]} {dt.day} {FR_MONTHS[dt.month - 1]} {dt.year}"


# --------------------------------------------------------------------------
# random tokens (all drawn from R, in program order => deterministic)

HEX = "0123456789abcdef"
ALNUM = string.ascii_letters + string.digits


def rhex(n, upper=False):
    s = "".join(R.choice(HEX) for _ in range(n))
    return s.upper() if upper else s


def ralnum(n):
    return "".join(R.choice(ALNUM) for _ in range(n))


def make_mid(style, domain, dt):
    if style == "office":
        return f"<{dt:%Y%m%d%H%M%S}.{rhex(12)}@senateur-exemple.fr>"
    if style == "gmail":
        return f"<CA{ralnum(3)}{ralnum(20)}+{ralnum(16)}@mail.gmail.com>"
    if style == "outlook":
        srv = R.choice(["PR3P191MB", "AM0PR07MB", "PA4P190MB", "DB9PR02MB",
                        "PAXP193MB"]) + str(R.randrange(1000, 9999))
        return (f"<{srv}{rhex(20, True)}@{srv}."
                f"EURP{R.randrange(190, 196)}.PROD.OUTLOOK.COM>")
    if style == "exchange":
        return f"<{rhex(32)}@SRV-EXCH0{R.randrange(1, 4)}.{domain}>"
    if style == "tb":
        return (f"<{rhex(8)}-{rhex(4)}-{rhex(4)}-{rhex(4)}-{rhex(12)}"
                f"@{domain}>")
    if style == "apple":
        return (f"<{rhex(8, True)}-{rhex(4, True)}-{rhex(4, True)}-"
                f"{rhex(4, True)}-{rhex(12, True)}@{domain}>")
    if style == "orange":
        return (f"<{R.randrange(10**8, 10**9)}.{R.randrange(10**5, 10**6)}."
                f"{int(dt.timestamp() * 1000)}.JavaMail.open-xchange@"
                f"opme11oxm{R.randrange(10, 40)}.ng.orange.fr>")
    if style == "zimbra":
        return (f"<{R.randrange(10**8, 10**9)}.{R.randrange(10**6, 10**7)}."
                f"{int(dt.timestamp() * 1000)}.JavaMail.zimbra@{domain}>")
    if style == "postfix":
        return f"<{dt.astimezone(UTC):%Y%m%d%H%M%S}.{rhex(10, True)}@{domain}>"
    if style == "mailer":
        return (f"<{int(dt.timestamp())}.{rhex(24)}@{domain}>")
    return f"<{rhex(16)}.{rhex(8)}@{domain}>"


def make_boundary(style="default"):
    if style == "outlook":
        return f"_000_{rhex(8, True)}{rhex(24, True)}_"
    if style == "gmail":
        return f"000000000000{rhex(12)}"
    if style == "tb":
        return f"------------{ralnum(24)}"
    if style == "apple":
        return (f"Apple-Mail={rhex(8, True)}-{rhex(4, True)}-{rhex(4, True)}-"
                f"{rhex(4, True)}-{rhex(12, True)}")
    if style == "mailer":
        return (f"----=_Part_{R.randrange(10**5, 10**6)}_"
                f"{R.randrange(10**8, 10**9)}.{R.randrange(10**12, 10**13)}")
    if style == "report":
        return f"{rhex(10, True)}.{R.randrange(10**9, 10**10)}/{MX}"
    return f"=_{rhex(20)}"


# --------------------------------------------------------------------------
# MIME building (raw text built by hand: boundaries and encodings fixed)

class Part:
    def __init__(self, headers, body=b"", parts=None, boundary=None,
                 plain=None, preamble=b""):
        self.headers = headers
        self.body = body
        self.parts = parts
        self.boundary = boundary
        self.plain = plain
        self.preamble = preamble

    def render(self):
        head = "\n".join(self.headers)
        head.encode("ascii")  # headers must be 7-bit
        out = head.encode("ascii") + b"\n\n"
        if self.parts is None:
            return out + self.body
        out += self.preamble
        b = self.boundary.encode("ascii")
        for p in self.parts:
            if not out.endswith(b"\n"):
                out += b"\n"
            out += b"--" + b + b"\n" + p.render()
        if not out.endswith(b"\n"):
            out += b"\n"
        out += b"--" + b + b"--\n"
        return out


def encode_body(data, cte):
    if cte == "quoted-printable":
        enc = quopri.encodestring(data)
    elif cte == "base64":
        enc = base64.encodebytes(data)
    elif cte == "7bit":
        data.decode("ascii")
        enc = data
    else:
        enc = data
    if not enc.endswith(b"\n"):
        enc += b"\n"
    return enc


LATIN1_FIX = {"–": "-", "—": "-", "’": "'", "œ": "oe", "Œ": "OE", "€": "EUR",
              "…": "...", "\u202f": " "}


def text(s, sub="plain", cs="utf-8", cte="quoted-printable", flowed=False,
         extra=(), quoted_cs=False):
    if cs.lower() in ("iso-8859-1", "latin-1", "us-ascii"):
        for a, b in LATIN1_FIX.items():
            s = s.replace(a, b)
    data = s.encode(cs)
    csv_ = f'"{cs}"' if quoted_cs else cs
    ct = f"Content-Type: text/{sub}; charset={csv_}"
    if flowed:
        ct += "; format=flowed"
    p = Part([ct, f"Content-Transfer-Encoding: {cte}", *extra],
             encode_body(data, cte))
    p.plain = s if sub == "plain" else None
    return p


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def to_html(s, cs="utf-8", style="plain"):
    paras = [p for p in s.split("\n\n")]
    body = []
    for p in paras:
        lines = p.split("\n")
        if all(l.startswith(">") for l in lines if l):
            inner = "<br>\n".join(esc(l.lstrip("> ")) for l in lines)
            body.append(f'<blockquote style="margin:0 0 0 .8ex;border-left:1px '
                        f'solid #ccc;padding-left:1ex">{inner}</blockquote>')
        elif style == "outlook":
            body.append("".join(f'<p class="MsoNormal">{esc(l) or "&nbsp;"}</p>\n'
                                for l in lines) + '<p class="MsoNormal">&nbsp;</p>')
        else:
            body.append("<div>" + "<br>\n".join(esc(l) for l in lines) + "</div><br>")
    head = (f'<html><head>\n<meta http-equiv="Content-Type" content="text/html; '
            f'charset={cs}">\n')
    if style == "outlook":
        head += ('<meta name="Generator" content="Microsoft Word 15 (filtered '
                 'medium)">\n<style><!-- p.MsoNormal {margin:0cm;font-size:11.0pt;'
                 'font-family:"Calibri",sans-serif;} --></style>\n</head>\n'
                 '<body lang="FR" link="#0563C1" vlink="#954F72">\n'
                 '<div class="WordSection1">\n')
        tail = "</div>\n</body>\n</html>\n"
    else:
        head += '</head>\n<body dir="auto">\n'
        tail = "</body>\n</html>\n"
    return head + "\n".join(body) + "\n" + tail


def alt(s, cs="utf-8", cte="quoted-printable", html=None, hcte=None,
        bstyle="default", hstyle="plain", flowed=False):
    h = html if html is not None else to_html(s, cs, hstyle)
    b = make_boundary(bstyle)
    p = Part([f'Content-Type: multipart/alternative;\n\tboundary="{b}"'],
             parts=[text(s, "plain", cs, cte, flowed=flowed),
                    text(h, "html", cs, hcte or cte)],
             boundary=b)
    p.plain = s
    return p


def html_only(html, cs="utf-8", cte="quoted-printable", plain=None):
    p = text(html, "html", cs, cte)
    p.plain = plain
    return p


def mixed(first, attachments, bstyle="default", sub="mixed"):
    b = make_boundary(bstyle)
    p = Part([f'Content-Type: multipart/{sub};\n\tboundary="{b}"'],
             parts=[first, *attachments], boundary=b,
             preamble=b"This is a multi-part message in MIME format.\n")
    p.plain = first.plain
    return p


def fname_params(name):
    if all(ord(c) < 128 for c in name):
        return f'name="{name}"', f'filename="{name}"'
    enc = Header(name, "utf-8").encode()
    return (f'name="{enc}"',
            "filename*=utf-8''" + urllib.parse.quote(name, safe=""))


def attachment(name, ctype, data, inline=False, cte="base64"):
    n, f = fname_params(name)
    disp = "inline" if inline else "attachment"
    return Part([f"Content-Type: {ctype};\n\t{n}",
                 f"Content-Disposition: {disp};\n\t{f}",
                 f"Content-Transfer-Encoding: {cte}"],
                encode_body(data, cte))


def fake_pdf(title):
    t = title.encode("latin-1", "replace")
    body = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
            b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Contents 4 0 R >>\nendobj\n"
            b"4 0 obj\n<< /Length " + str(len(t) + 30).encode() + b" >>\n"
            b"stream\nBT /F1 12 Tf 72 770 Td (" + t + b") Tj ET\nendstream\n"
            b"endobj\n")
    body += bytes(R.randrange(256) for _ in range(200))
    body += b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return body


def fake_jpeg(n=600):
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
            + bytes(R.randrange(256) for _ in range(n)) + b"\xff\xd9")


# --------------------------------------------------------------------------
# headers

def fmt_addr(a, cs="utf-8"):
    if isinstance(a, str):
        return a
    name, addr = a
    if not name:
        return addr
    return formataddr((name, addr), charset=cs)


def plain_addr(a):
    if isinstance(a, str):
        return a
    name, addr = a
    return f"{name} <{addr}>" if name else addr


def enc_header(s, cs="utf-8"):
    if all(ord(c) < 128 for c in s):
        return s
    return Header(s, cs, header_name="Subject").encode(linesep="\n")


def as_list(x):
    if x is None:
        return []
    if isinstance(x, (list, tuple)) and x and isinstance(x[0], (list, tuple)):
        return list(x)
    if isinstance(x, list):
        return x
    return [x]


def addr_of(a):
    return a if isinstance(a, str) else a[1]


def domain_of(a):
    return addr_of(a).rsplit("@", 1)[-1].rstrip(">")


# --------------------------------------------------------------------------
# registry

MSGS = []
KEYS = {}
IP_POOL = {}


def ip_for(domain):
    if domain not in IP_POOL:
        net = R.choice(["192.0.2", "198.51.100", "203.0.113"])
        IP_POOL[domain] = f"{net}.{R.randrange(2, 254)}"
    return IP_POOL[domain]


def received_line(frm_domain, dt, host=None):
    if host is None:
        first = frm_domain.split(".", 1)[0]
        host = frm_domain if first in ("smtp", "mail", "mx", "mx1", "mail-relay") \
            else f"smtp.{frm_domain}"
    rdt = after(dt, seconds=R.randrange(2, 40))
    return ("Received: from " + host + " (" + host + " [" + ip_for(frm_domain)
            + "])\n\tby " + MX + " (Postfix) with ESMTPS id " + rhex(10, True)
            + "\n\tfor <" + OFFICE_ADDR + ">; " + rfc_date(rdt, zone_comment=True))


def msg(key, *, slug, date, frm, to, subject, body, kind="personal", case="",
        note="", cc=None, reply_to=None, irt=None, refs=None, extra=(),
        mid_style="generic", mid_domain=None, no_mid=False, no_date=False,
        hcs="utf-8", received=True, tz=None, return_path=None, rcv_host=None,
        irt_raw=None, refs_raw=None, mid=None, sender=None, not_before=None):
    """Register one message.  irt/refs are keys of earlier messages."""
    assert key not in KEYS, key
    if hcs.lower() in ("iso-8859-1", "latin-1"):
        for a, b in LATIN1_FIX.items():
            subject = subject.replace(a, b)
    dt = when(date) if isinstance(date, str) else date
    for k in ([irt] if irt else []) + list(refs or []) + ([not_before] if not_before else []):
        # an answer never precedes what it answers (seconds are random)
        if dt <= KEYS[k]["dt"]:
            dt = KEYS[k]["dt"] + timedelta(seconds=23)
    frm_addr = addr_of(frm)
    outgoing = frm_addr == OFFICE_ADDR
    if outgoing:
        assert isinstance(frm, tuple) and frm[0] == OFFICE_NAME
    dom = mid_domain or domain_of(frm)
    message_id = None if no_mid else (mid or make_mid(mid_style, dom, dt))
    H = []
    if not outgoing and received:
        rp = return_path if return_path is not None else f"<{frm_addr}>"
        H.append(f"Return-Path: {rp}")
        H.append(received_line(domain_of(frm), dt, rcv_host))
    if not no_date:
        H.append("Date: " + rfc_date(dt, tz))
    H.append("From: " + fmt_addr(frm, hcs))
    if sender:
        H.append("Sender: " + fmt_addr(sender, hcs))
    tos = as_list(to)
    H.append("To: " + ",\n\t".join(fmt_addr(a, hcs) for a in tos))
    if cc:
        H.append("Cc: " + ",\n\t".join(fmt_addr(a, hcs) for a in as_list(cc)))
    if reply_to:
        H.append("Reply-To: " + fmt_addr(reply_to, hcs))
    H.append("Subject: " + enc_header(subject, hcs))
    if message_id:
        H.append("Message-ID: " + message_id)
    irt_id = irt_raw or (KEYS[irt]["mid"] if irt else None)
    if irt_id:
        H.append("In-Reply-To: " + irt_id)
    if refs_raw is not None:
        ref_ids = refs_raw
    elif refs is not None:
        ref_ids = [KEYS[k]["mid"] for k in refs]
    elif irt and not irt_raw:
        p = KEYS[irt]
        ref_ids = (p["refs"] + [p["mid"]])[-8:]
    else:
        ref_ids = []
    if ref_ids:
        H.append("References: " + "\n ".join(ref_ids))
    H.extend(extra)
    H.append("MIME-Version: 1.0")
    raw = "\n".join(H).encode("ascii") + b"\n" + body.render()
    e = dict(key=key, slug=slug, dt=dt, kind=kind, case=case, note=note,
             outgoing=outgoing, raw=raw, mid=message_id, refs=ref_ids,
             frm=frm, to=tos, subject=subject, plain=body.plain or "",
             reply_to=reply_to, idx=len(MSGS))
    MSGS.append(e)
    KEYS[key] = e
    return e


def head_of(key):
    """Header block of a registered message (for DSNs)."""
    return KEYS[key]["raw"].split(b"\n\n", 1)[0] + b"\n"


# --------------------------------------------------------------------------
# quoting helpers (the way mail clients render earlier messages)

def who(e):
    f = e["frm"]
    return (f[0], f[1]) if isinstance(f, tuple) else parseaddr(f)


def correspondent(e):
    return e["reply_to"] or e["frm"]


def q_outlook_fr(e, old=False, to_override=None):
    name, addr = who(e)
    to = "; ".join(plain_addr(a) for a in (to_override or e["to"]))
    if old:
        head = ["-----Message d'origine-----", f"De : {name} [mailto:{addr}]"]
    else:
        head = ["________________________________", f"De : {name} <{addr}>"]
    head += [f"Envoyé : {fr_long(e['dt'])}", f"À : {to}",
             f"Objet : {e['subject']}"]
    return "\n".join(head) + "\n\n" + e["plain"].rstrip("\n") + "\n"


def q_outlook_en(e):
    name, addr = who(e)
    to = "; ".join(plain_addr(a) for a in e["to"])
    head = ["________________________________", f"From: {name} <{addr}>",
            f"Sent: {en_outlook(e['dt'])}", f"To: {to}",
            f"Subject: {e['subject']}"]
    return "\n".join(head) + "\n\n" + e["plain"].rstrip("\n") + "\n"


def gt(s):
    return "\n".join(("> " + l) if l else ">" for l in s.rstrip("\n").split("\n")) + "\n"


def q_gmail_fr(e):
    name, addr = who(e)
    return (f"Le {fr_gmail(e['dt'])}, {name} <{addr}> a écrit :\n\n"
            + gt(e["plain"]))


def q_gmail_en(e):
    name, addr = who(e)
    return f"On {en_gmail(e['dt'])} {name} <{addr}> wrote:\n\n" + gt(e["plain"])


def q_tb_fr(e):
    name, _ = who(e)
    return (f"Le {e['dt']:%d/%m/%Y à %H:%M}, {name} a écrit :\n" + gt(e["plain"]))


def q_apple_fr(e):
    name, addr = who(e)
    return (f"> Le {e['dt'].day} {FR_MONTHS_ABBR[e['dt'].month - 1]} "
            f"{e['dt'].year} à {e['dt']:%H:%M}, {name} <{addr}> a écrit :\n>\n"
            + gt(e["plain"]))


def fwd_gmail_fr(e):
    name, addr = who(e)
    to = ", ".join(f"<{addr_of(a)}>" if isinstance(a, tuple) else a for a in e["to"])
    return ("---------- Forwarded message ---------\n"
            f"De : {name} <{addr}>\nDate: {fr_gmail(e['dt'])}\n"
            f"Subject: {e['subject']}\nTo: {to}\n\n\n" + e["plain"].rstrip("\n") + "\n")


def strip_prefix(s):
    return re.sub(r"^\s*((re|tr|fw|fwd|aw|r)\s?:\s*)+", "", s, flags=re.I)


def re_subject(s, prefix="RE : "):
    if re.match(r"^\s*(re|aw)\s?:", s, re.I):
        return s
    return prefix + s


# --------------------------------------------------------------------------
# the office

SIG = {
    "claire": ("Claire Vasseur\n"
               "Attachée parlementaire de la sénatrice Hélène Marchal\n"
               "Permanence parlementaire – 14, boulevard Gambetta – 38000 Grenoble\n"
               "Tél. 04 76 48 20 10"),
    "thomas": ("Thomas Reynaud\n"
               "Collaborateur parlementaire – relations avec les élus locaux\n"
               "Permanence de la sénatrice Hélène Marchal\n"
               "14, boulevard Gambetta – 38000 Grenoble – 04 76 48 20 10"),
    "senatrice": ("Hélène Marchal\n"
                  "Sénatrice de l'Isère\n"
                  "Permanence : 14, boulevard Gambetta – 38000 Grenoble"),
}

OFFICE_XH = ["X-Mailer: Microsoft Outlook 16.0", "Content-Language: fr-FR"]


def office_reply(key, parent, date, text_, *, slug, who_="claire", case=None,
                 note="", subject=None, to=None, cc=None, quote=True,
                 attach=None, irt=True):
    p = KEYS[parent]
    body_text = text_.rstrip("\n") + "\n\n" + SIG[who_] + "\n"
    if quote:
        body_text += "\n" + q_outlook_fr(p)
    body = alt(body_text, bstyle="outlook", hstyle="outlook")
    if attach:
        body = mixed(body, attach, "outlook")
    return msg(key, slug=slug, date=date, frm=OFFICE,
               to=to or [correspondent(p)], cc=cc,
               subject=subject or re_subject(p["subject"]),
               body=body, case=case if case is not None else p["case"],
               note=note, irt=parent if irt else None, mid_style="office",
               extra=OFFICE_XH)


def office_new(key, date, text_, *, slug, to, subject, case, note="",
               who_="thomas", attach=None, cc=None, refs=None):
    body_text = text_.rstrip("\n") + "\n\n" + SIG[who_] + "\n"
    body = alt(body_text, bstyle="outlook", hstyle="outlook")
    if attach:
        body = mixed(body, attach, "outlook")
    return msg(key, slug=slug, date=date, frm=OFFICE, to=to, cc=cc,
               subject=subject, body=body, case=case, note=note,
               mid_style="office", extra=OFFICE_XH, refs=refs)


def D(s):
    """Dedent a triple-quoted body and drop the first newline."""
    import textwrap
    return textwrap.dedent(s).lstrip("\n")


SPAM_NO = "X-Spam-Status: No, score=-1.2 required=5.0 tests=BAYES_00,DKIM_SIGNED,DKIM_VALID autolearn=ham"


# --------------------------------------------------------------------------
# generic builders for automatic mail

def autoreply(key, *, slug, date, frm, subject, text_, note, parent=None,
              headers=(), cs="utf-8", cte="quoted-printable", html=False,
              mid_style="generic", return_path="<>", to=OFFICE, irt=True,
              bstyle="default"):
    if html:
        body = alt(text_, cs, cte, bstyle=bstyle, hstyle="outlook")
    else:
        body = text(text_, cs=cs, cte=cte)
    return msg(key, slug=slug, date=date, frm=frm, to=to, subject=subject,
               body=body, kind="auto_reply", note=note,
               irt=parent if (parent and irt) else None, extra=list(headers),
               mid_style=mid_style, return_path=return_path, not_before=parent)


def dsn(key, orig, *, slug, date, note, human, recipient, status, diag,
        frm=("Mail Delivery System", "MAILER-DAEMON@mx1.senateur-exemple.fr"),
        subject="Undelivered Mail Returned to Sender", action="failed",
        remote_mta=None, include="headers", reporting=MX, human_cs="us-ascii",
        human_cte="7bit", extra=(), mid_style="postfix", mid_domain=MX,
        received=False, auto_submitted=True):
    o = KEYS[orig]
    ds = [f"Reporting-MTA: dns; {reporting}",
          f"X-Postfix-Queue-ID: {rhex(10, True)}",
          f"X-Postfix-Sender: rfc822; {OFFICE_ADDR}",
          f"Arrival-Date: {rfc_date(o['dt'])}", "",
          f"Final-Recipient: rfc822; {recipient}",
          f"Original-Recipient: rfc822;{recipient}",
          f"Action: {action}", f"Status: {status}"]
    if remote_mta:
        ds.append(f"Remote-MTA: dns; {remote_mta}")
    ds.append(f"Diagnostic-Code: {diag}")
    if action == "delayed":
        ds.append(f"Will-Retry-Until: {rfc_date(after(o['dt'], minutes=5 * 24 * 60))}")
    dpart = Part(["Content-Description: Delivery report",
                  "Content-Type: message/delivery-status"],
                 ("\n".join(ds) + "\n").encode("ascii"))
    if include == "headers":
        opart = Part(["Content-Description: Undelivered Message Headers",
                      "Content-Type: text/rfc822-headers"], head_of(orig))
    else:
        opart = Part(["Content-Description: Undelivered Message",
                      "Content-Type: message/rfc822"], o["raw"])
    hpart = text(human, cs=human_cs, cte=human_cte,
                 extra=["Content-Description: Notification"])
    b = make_boundary("report")
    body = Part([f"Content-Type: multipart/report; report-type=delivery-status;\n"
                 f'\tboundary="{b}"'], parts=[hpart, dpart, opart], boundary=b,
                preamble=b"This is a MIME-encapsulated message.\n")
    body.plain = human
    return msg(key, slug=slug, date=date, frm=frm, to=OFFICE, subject=subject,
               body=body, kind="bounce", note=note, mid_style=mid_style,
               not_before=orig,
               mid_domain=mid_domain,
               extra=(["Auto-Submitted: auto-replied"] if auto_submitted else []) + list(extra),
               received=received, return_path="<>")


POSTFIX_HUMAN = D("""
    This is the mail system at host mx1.senateur-exemple.fr.

    I'm sorry to have to inform you that your message could not
    be delivered to one or more recipients. It's attached below.

    For further assistance, please send mail to postmaster.

    If you do so, please include this problem report. You can
    delete your own text from the attached returned message.

                       The mail system

    """)


# ==========================================================================
# 1. Office mailing: new-year invitation (opens case "voeux-2026")
# ==========================================================================

o1 = office_new("o1", "2026-01-08 10:05:00", D("""
    Madame la Maire, Monsieur le Maire,
    Mesdames et Messieurs les élus,

    La sénatrice Hélène Marchal a le plaisir de vous convier à la cérémonie des vœux qu'elle adressera aux élus et aux acteurs de la vie locale de l'Isère le

    samedi 24 janvier 2026 à 11 heures
    salle polyvalente de Rives, 12 rue de la Libération

    La cérémonie sera suivie d'un verre de l'amitié.

    Afin de faciliter l'organisation, nous vous remercions de bien vouloir confirmer votre présence avant le lundi 19 janvier, en répondant simplement à ce message. Vous trouverez ci-joint le carton d'invitation.

    Avec nos meilleurs vœux pour cette nouvelle année,
    """), slug="invitation-voeux-senatrice", to=UNDISCLOSED,
    subject="Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    case="voeux-2026",
    note="office mass invitation (Bcc list); opens a case; target of auto-replies and bounces",
    attach=[attachment("Invitation_voeux_2026.pdf", "application/pdf",
                       fake_pdf("Voeux 2026 - Helene Marchal"))])

# -- automatic answers to the invitation
autoreply("a01", parent="o1", slug="reponse-automatique-crolles",
    date="2026-01-08 10:05:31", frm=("Nadine Ferrier", "n.ferrier@mairie-crolles.fr"),
    subject="Réponse automatique : Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    text_=D("""
    Bonjour,

    Je suis absente jusqu'au lundi 12 janvier inclus. Votre message ne sera pas transféré.
    Pour toute demande urgente, vous pouvez contacter l'accueil de la mairie au 04 76 08 04 54.

    Cordialement,
    Nadine Ferrier
    Directrice générale des services – Mairie de Crolles
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All",
             "X-MS-Exchange-Inbox-Rules-Loop: n.ferrier@mairie-crolles.fr",
             "Thread-Topic: " + enc_header("Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier")],
    note="Exchange OOF: 'Réponse automatique :' subject + Auto-Submitted + X-Auto-Response-Suppress; In-Reply-To office invitation")

autoreply("a02", parent="o1", slug="absence-secretariat-zimbra",
    date="2026-01-08 10:06:02", frm=("Secrétariat de mairie", "secretariat@mairie-le-gua.fr"),
    subject="Absence",
    text_=D("""
    Bonjour,

    Le secrétariat de mairie est fermé pour congés jusqu'au 9 janvier 2026.
    Réouverture le lundi 12 janvier à 8h30.

    En cas d'urgence (état civil, décès), merci de contacter l'élu de permanence au 06 71 22 48 90.

    Le secrétariat
    """), mid_style="zimbra",
    headers=["X-Autoreply: yes", "X-Mailer: Zimbra 9.0.0_GA_4546 (zmlmtpd)"],
    note="Zimbra auto-reply: bare subject 'Absence', only X-Autoreply header (no Auto-Submitted); In-Reply-To office invitation")

autoreply("a03", parent="o1", slug="conges-retour-19-janvier",
    date="2026-01-08 10:07:40", frm=("Fabienne Guichard", "fabienne.guichard.elue@gmail.com"),
    subject="Congés – retour le 19 janvier",
    text_=D("""
    Bonjour,

    Je suis en congés jusqu'au dimanche 18 janvier avec un accès très limité à mes mails.
    Je vous répondrai dès mon retour.

    Belle journée,
    Fabienne
    """), mid_style="gmail", return_path="<fabienne.guichard.elue@gmail.com>",
    headers=["Auto-Submitted: auto-replied"],
    note="Gmail vacation responder: custom subject (no 'Re:'), Auto-Submitted only; In-Reply-To office invitation")

autoreply("a04", slug="re-invitation-secretariat-ferme", parent="o1", irt=False,
    date="2026-01-08 10:09:15", frm=("Mairie de Saint-Pierre-de-Méarotz", "mairie.st-pierre-mearotz@wanadoo.fr"),
    subject="RE: Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    text_=D("""
    Bonjour,

    La mairie est fermée du 5 au 16 janvier inclus.
    Pour les urgences, contacter M. le Maire au 06 84 31 07 62.
    Les messages seront traités à la réouverture.

    Le secrétariat de mairie
    """), cs="iso-8859-1", cte="quoted-printable", mid_style="orange",
    return_path="<mairie.st-pierre-mearotz@wanadoo.fr>",
    note="HARD auto (looks personal): webmail closure notice, 'RE:' subject, no auto headers, no In-Reply-To; arrives 4 minutes after the invitation")

autoreply("a05", parent="o1", slug="reponse-automatique-sans-auto-submitted",
    date="2026-01-08 11:32:10", frm=("Laurent Bozon", "l.bozon@ville-pontcharra.fr"),
    subject="Réponse automatique : Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    text_=D("""
    Bonjour,

    Je serai absent du 8 au 15 janvier 2026.
    En mon absence, vous pouvez vous adresser à Mme Chloé Reboul, directrice de cabinet : c.reboul@ville-pontcharra.fr

    Laurent Bozon
    Adjoint au maire – Ville de Pontcharra
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["X-Auto-Response-Suppress: All", "X-MS-Has-Attach: ",
             "X-MS-TNEF-Correlator: "],
    note="Exchange OOF without Auto-Submitted: only the subject prefix and X-Auto-Response-Suppress tell; In-Reply-To office invitation")

autoreply("a06", parent="o1", slug="accuse-reception-communaute-communes",
    date="2026-01-08 10:06:44", frm=("Communauté de communes Bièvre Est", "ne-pas-repondre@cc-bievre-est.fr"),
    subject="Accusé de réception de votre message",
    text_=D("""
    Madame, Monsieur,

    Votre message a bien été reçu par les services de la Communauté de communes Bièvre Est. Il sera transmis au service concerné et traité dans les meilleurs délais.

    Ceci est un message automatique, merci de ne pas y répondre.

    Communauté de communes Bièvre Est
    1 avenue Roland-Garros – 38690 Colombe
    """), mid_style="mailer",
    headers=["Auto-Submitted: auto-generated", "Precedence: bulk"],
    note="automatic acknowledgement from a public body's ne-pas-repondre address; In-Reply-To office invitation")

# -- bounces of the invitation
dsn("b01", "o1", slug="undelivered-mail-user-unknown", date="2026-01-08 10:05:12",
    note="Postfix DSN multipart/report, text/rfc822-headers; bounce_of={file:o1}",
    human=POSTFIX_HUMAN + "<mairie.st-michel-en-beaumont@wanadoo.fr>: host smtp-in.orange.fr[192.0.2.15]\n"
    "    said: 550 5.1.1 <mairie.st-michel-en-beaumont@wanadoo.fr>: adresse\n"
    "    d'expedition inconnue / unknown recipient (in reply to RCPT TO command)\n",
    recipient="mairie.st-michel-en-beaumont@wanadoo.fr", status="5.1.1",
    remote_mta="smtp-in.orange.fr",
    diag="smtp; 550 5.1.1 <mairie.st-michel-en-beaumont@wanadoo.fr>: unknown recipient")

# Exchange NDR, full original attached
_b02_human = D("""
    Votre message n'a pas pu être remis à ces destinataires :

    accueil@mairie-chatonnay.fr
    Le destinataire est introuvable. Vérifiez l'orthographe de l'adresse de messagerie ou contactez directement le destinataire.

    Informations de diagnostic pour les administrateurs :

    Serveur de génération : SRV-EXCH01.mairie-chatonnay.fr
    accueil@mairie-chatonnay.fr
    Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
    """)
dsn("b02", "o1", slug="non-remis-exchange", date="2026-01-08 10:05:48",
    frm=("Microsoft Outlook", "postmaster@mairie-chatonnay.fr"),
    subject="Non remis : Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    note="Exchange NDR in French, 'Non remis :' subject, postmaster sender, message/rfc822 with the whole original; bounce_of={file:o1}",
    human=_b02_human, human_cs="utf-8", human_cte="quoted-printable",
    recipient="accueil@mairie-chatonnay.fr", status="5.1.10",
    reporting="SRV-EXCH01.mairie-chatonnay.fr",
    diag="smtp; 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
    include="full", mid_style="exchange", mid_domain="mairie-chatonnay.fr", received=True,
    auto_submitted=False, extra=["X-MS-Exchange-Message-Is-Ndr: ", "Content-Language: fr-FR"])

# Orange-style plain text bounce with the original headers inline
_o1h = head_of("o1").decode("ascii")
msg("b03", slug="message-non-remis-texte", date="2026-01-08 10:14:03",
    frm=("Mail Delivery Subsystem", "MAILER-DAEMON@smtp.orange.fr"), to=OFFICE,
    subject="Message non remis / Undelivered mail",
    body=text(D("""
    Ceci est un message automatique du serveur de messagerie Orange.

    Votre message n'a pas pu être remis au destinataire suivant :

        mairie.marcilloles@orange.fr
        Motif : la boîte aux lettres du destinataire est désactivée (550 5.2.1 mailbox disabled)

    Aucune autre tentative de remise ne sera effectuée.

    ------ En-têtes du message d'origine ------

    """) + _o1h, cs="utf-8", cte="quoted-printable"),
    kind="bounce", note="plain-text bounce (no multipart/report), French, original headers pasted in the text; bounce_of={file:o1}",
    mid_style="orange", return_path="<>", extra=["Auto-Submitted: auto-replied"])

# -- personal answers to the invitation (same case)
msg("o1_r1", slug="re-invitation-voeux-chirens", date="2026-01-09 08:47",
    frm=("Jean-Luc Mercier", "jl.mercier@mairie-chirens.fr"), to=[OFFICE],
    subject="Re: Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    body=text(D("""
    Bonjour,

    Merci pour cette invitation. Je serai présent le 24 janvier, accompagné de ma première adjointe, Mme Élodie Cartier.

    Nous en profiterons pour dire un mot à la sénatrice du dossier de la traversée du bourg (RD 520), si elle a cinq minutes.

    Bien cordialement,

    Jean-Luc Mercier
    Maire de Chirens

    """) + q_tb_fr(KEYS["o1"]), flowed=True, cte="8bit"),
    case="voeux-2026", irt="o1", mid_style="tb",
    extra=["User-Agent: Mozilla Thunderbird", "Content-Language: fr", SPAM_NO],
    note="answer to an office-initiated invitation: joins its case via In-Reply-To")

msg("o1_r2", slug="invitation-voeux-excuse-st-quentin", date="2026-01-12 17:21",
    frm=("Sandrine Dumas", "s.dumas@saint-quentin-fallavier.fr"), to=[OFFICE],
    subject="RE: Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    body=alt(D("""
    Bonjour Monsieur Reynaud,

    Je vous remercie pour l'invitation. Retenue ce jour-là par l'assemblée générale de notre comité de jumelage, je ne pourrai malheureusement pas être des vôtres. Je vous prie de bien vouloir transmettre mes excuses et mes meilleurs vœux à Mme la Sénatrice.

    Bien cordialement,

    Sandrine Dumas
    Adjointe au maire déléguée à la vie associative
    Mairie de Saint-Quentin-Fallavier

    """) + q_outlook_fr(KEYS["o1"]), bstyle="outlook", hstyle="outlook"),
    case="voeux-2026", mid_style="outlook",
    note="HEADERS LOST: no In-Reply-To/References; Outlook French quoted block (De/Envoyé/À/Objet) names the office and the invitation subject")

msg("o1_r3", slug="re-invitation-voeux-conseiller-departemental", date="2026-01-13 22:04",
    frm=("Fabrice Lopez", "fabrice.lopez38@gmail.com"), to=[OFFICE],
    subject="Re: Invitation – Cérémonie des vœux de la sénatrice Hélène Marchal – samedi 24 janvier",
    body=alt(D("""
    Bonsoir,

    Je confirme ma présence. Puis-je venir avec ma suppléante, Marion Achard ? Elle ne figure pas sur votre liste mais souhaiterait beaucoup rencontrer Hélène.

    Amitiés,
    Fabrice Lopez
    Conseiller départemental du canton de Tullins

    """) + q_gmail_fr(KEYS["o1"]), bstyle="gmail"),
    case="voeux-2026", irt="o1", mid_style="gmail",
    note="Gmail reply with In-Reply-To; personal question about the invitation")

office_reply("o1_o1", "o1_r3", "2026-01-14 09:12", D("""
    Bonjour Monsieur le Conseiller départemental,

    Bien sûr, Mme Achard est la bienvenue : nous l'ajoutons à la liste des invités.

    Bien cordialement,
    """), slug="re-invitation-voeux-suppleante", who_="thomas",
    note="office answer inside the invitation case")


# ==========================================================================
# 2. Office mailing: meeting with the mayors of the Trièves (case "reunion-trieves")
# ==========================================================================

office_new("o2", "2026-05-20 17:40:00", D("""
    Mesdames et Messieurs les Maires du Trièves,

    Nouvellement élus ou réélus en mars dernier, vous avez été nombreux à solliciter la sénatrice sur les sujets qui pèsent sur vos communes : ligne Grenoble – Gap, accès aux soins, prédation sur les troupeaux, fin des financements du programme « Petites villes de demain ».

    Hélène Marchal vous propose une réunion d'échange :

    vendredi 12 juin 2026, de 14h30 à 17h
    à Mens (lieu à confirmer)

    Merci de nous indiquer votre participation et les points que vous souhaiteriez voir inscrits à l'ordre du jour.

    Bien cordialement,
    """), slug="reunion-maires-trieves", to=UNDISCLOSED,
    subject="Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    case="reunion-trieves",
    note="office mass mailing to mayors; opens a case; target of auto-replies and bounces")

autoreply("a07", parent="o2", slug="absent-pont-pentecote",
    date="2026-05-20 17:40:35", frm=("Gilles Arnaud", "g.arnaud@mairie-monestier-de-clermont.fr"),
    subject="Réponse automatique : Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    text_=D("""
    Bonjour,

    Je suis absent jusqu'au mardi 26 mai. Je prendrai connaissance de votre message à mon retour.

    Gilles Arnaud
    Maire de Monestier-de-Clermont
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="Exchange OOF with Auto-Submitted; In-Reply-To office mailing")

autoreply("a08", parent="o2", slug="message-absence-zimbra-trieves",
    date="2026-05-20 17:41:10", frm=("Mairie de Saint-Jean-d'Hérans", "mairie@saint-jean-d-herans.fr"),
    subject="Message d'absence : Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    text_=D("""
    Bonjour,

    Le secrétariat est ouvert le mardi et le jeudi de 9h à 12h.
    Votre message sera traité lors de la prochaine permanence.

    Cordialement,
    Mairie de Saint-Jean-d'Hérans
    """), mid_style="zimbra",
    headers=["X-Autoreply: yes", "Auto-Submitted: auto-replied"],
    note="permanent 'opening hours' auto-reply (X-Autoreply + Auto-Submitted); In-Reply-To office mailing")

autoreply("a09", parent="o2", slug="automatic-reply-trieves",
    date="2026-05-20 17:42:55", frm=("Mairie de Cordéac", "mairie.cordeac@orange.fr"),
    subject="Réponse automatique",
    text_=D("""
    Bonjour,
    Nous sommes absents du 18 au 25 mai.
    Merci de renouveler votre demande après cette date.
    La mairie
    """), mid_style="orange", return_path="<mairie.cordeac@orange.fr>",
    headers=["Precedence: auto_reply"],
    note="orange webmail auto-reply: subject 'Réponse automatique' alone, only Precedence: auto_reply; In-Reply-To office mailing")

autoreply("a10", parent="o2", slug="bien-recu-je-reponds-des-que-possible",
    date="2026-05-20 17:43:30", frm=("Sophie Blanc-Gras", "sophie.blancgras@mairie-clelles.fr"),
    subject="Re: Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    text_=D("""
    Bonjour,

    J'ai bien reçu votre message et je vous répondrai dès que possible.

    Bien à vous,
    Sophie Blanc-Gras
    Secrétaire de mairie – Clelles
    """), mid_style="tb", return_path="<sophie.blancgras@mairie-clelles.fr>",
    note="HARD auto (looks personal): first-person 'bien reçu' acknowledgement, 'Re:' subject, no auto headers, but In-Reply-To and sent 3 minutes after the mailing")

# Gmail DSN
_b04_human = D("""
    ** Address not found **

    Your message wasn't delivered to mairie.st.baudille.et.pipet@gmail.com because the address couldn't be found, or is unable to receive mail.

    Learn more here: https://support.google.com/mail/?p=NoSuchUser

    The response was:

    550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.
    """)
dsn("b04", "o2", slug="delivery-status-notification-failure",
    date="2026-05-20 17:40:19",
    frm=("Mail Delivery Subsystem", "mailer-daemon@googlemail.com"),
    subject="Delivery Status Notification (Failure)",
    note="Gmail-style DSN multipart/report with message/rfc822; bounce_of={file:o2}",
    human=_b04_human, recipient="mairie.st.baudille.et.pipet@gmail.com",
    status="5.1.1", reporting="mx.google.com", remote_mta="gmail-smtp-in.l.google.com",
    diag="smtp; 550-5.1.1 The email account that you tried to reach does not exist.",
    include="full", mid_style="gmail", mid_domain="mail.gmail.com", received=True)

msg("b05", slug="boite-pleine-postmaster", date="2026-05-20 17:47:21",
    frm="postmaster@smtp.free.fr", to=OFFICE,
    subject="Votre message n'a pas pu être délivré",
    body=text(D("""
    Bonjour,

    Le message que vous avez envoyé n'a pas pu être délivré au destinataire suivant :

      mairie.treminis@free.fr

    Raison : la boîte aux lettres du destinataire est pleine (quota dépassé).
    Code : 552 5.2.2 Mailbox full

    Le message a été détruit. Voici le début du message original :

    """) + head_of("o2").decode("ascii"),
        cs="iso-8859-1", cte="8bit"),
    kind="bounce", mid_style="postfix", mid_domain="smtp.free.fr", return_path="<>",
    note="plain-text 'mailbox full' bounce from postmaster@, ISO-8859-1 8bit, no auto headers; bounce_of={file:o2}")

msg("o2_r1", slug="re-reunion-trieves-mens", date="2026-05-21 09:15",
    frm=("Agnès Roche", "maire@mairie-mens.fr"), to=[OFFICE],
    subject="Re: Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    body=alt(D("""
    Bonjour,

    Bonne initiative. Je vous propose d'accueillir la réunion dans la salle du conseil de la mairie de Mens (40 places, accessible). Je la bloque dès maintenant pour le 12 juin après-midi.

    Pour l'ordre du jour, je souhaiterais que nous parlions du centre de santé intercommunal et du transport scolaire vers le lycée de Vif.

    Agnès Roche
    Maire de Mens

    """) + q_gmail_fr(KEYS["o2"]), bstyle="default"),
    case="reunion-trieves", irt="o2", mid_style="generic",
    note="answer to office mailing with In-Reply-To")

msg("o2_r2", slug="reunion-trieves-lalley", date="2026-05-26 11:02",
    frm=("Pierre Gonnet", "pierre.gonnet@lalley.fr"), to=[OFFICE],
    subject="Re: Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    body=text(D("""
    Bonjour,

    Je serai présent. Merci d'ajouter à l'ordre du jour la question de la couverture téléphonique du col de la Croix-Haute : la moitié de la commune n'a toujours pas de réseau.

    Pierre Gonnet, maire de Lalley

    """) + q_tb_fr(KEYS["o2"]), cte="8bit", flowed=True),
    case="reunion-trieves", mid_style="tb", extra=["User-Agent: Mozilla Thunderbird"],
    note="HEADERS LOST: no In-Reply-To; Thunderbird attribution 'Le 20/05/2026 à 17:40, Permanence ... a écrit :' + same subject")

msg("o2_r3", slug="re-reunion-trieves-chichilianne", date="2026-05-27 14:30",
    frm=("Mairie de Chichilianne", "mairie.chichilianne@orange.fr"), to=[OFFICE],
    subject="RE: Réunion d'échange avec les maires du Trièves – vendredi 12 juin 2026",
    body=text(D("""
    Bonjour,

    M. le Maire sera présent à la réunion du 12 juin, accompagné de son premier adjoint, M. Rémi Jullien.

    Cordialement,

    Le secrétariat de mairie
    Chichilianne
    """), cs="iso-8859-1", cte="quoted-printable"),
    case="reunion-trieves", irt="o2", mid_style="orange",
    note="secretary answering for the mayor; same sender sent the rail motion in April (different case)")

# ==========================================================================
# 3. Office mailing in July: consultation on the status of local officials
# ==========================================================================

office_new("o3", "2026-07-06 09:00:00", D("""
    Madame la Maire, Monsieur le Maire,

    Le Sénat examinera à l'automne une proposition de loi relative au statut de l'élu local. Avant ce débat, la sénatrice Hélène Marchal souhaite recueillir l'avis des maires et des adjoints de l'Isère.

    Cinq questions, auxquelles vous pouvez répondre directement en retour de ce message :

    1. Le montant de vos indemnités vous paraît-il adapté aux responsabilités exercées ?
    2. Parvenez-vous à concilier votre mandat avec une activité professionnelle ?
    3. Avez-vous été victime d'incivilités ou de violences dans l'exercice de votre mandat ?
    4. La protection fonctionnelle vous semble-t-elle suffisante ?
    5. Envisagez-vous de vous représenter en 2032 ?

    Vos réponses resteront confidentielles et ne seront utilisées que de manière agrégée.

    Avec nos remerciements,
    """), slug="consultation-statut-elu", to=UNDISCLOSED,
    subject="Consultation des élus locaux – statut de l'élu : votre avis en 5 questions",
    case="consultation-statut-elu",
    note="office mass mailing in summer; opens a case; many auto-replies and two bounces")

_o3s = "Consultation des élus locaux – statut de l'élu : votre avis en 5 questions"

autoreply("a11", parent="o3", slug="automatic-reply-out-of-office-english",
    date="2026-07-06 09:00:41", frm=("Siobhan Kelly", "siobhan.kelly@villard-de-lans.fr"),
    subject="Automatic reply: " + _o3s,
    text_=D("""
    Hello,

    Thank you for your email. I am out of the office until Monday 20 July with no access to email.
    For urgent municipal matters please contact the town hall: accueil@villard-de-lans.fr

    Kind regards,
    Siobhan Kelly
    Conseillère municipale déléguée au tourisme
    """), html=True, bstyle="outlook", mid_style="outlook",
    headers=["Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All",
             "X-MS-Exchange-Organization-AutoResponseType: OOF"],
    note="English Exchange Online 'Automatic reply:' (Auto-Submitted: auto-generated); In-Reply-To office mailing")

autoreply("a12", parent="o3", slug="reponse-automatique-conges-ete",
    date="2026-07-06 09:01:05", frm=("Mairie de Vaulnaveys-le-Haut", "dgs@vaulnaveys-le-haut.fr"),
    subject="Réponse automatique : " + _o3s,
    text_=D("""
    Bonjour,

    Je suis en congés du 4 au 26 juillet 2026 inclus.
    Pour toute urgence : accueil@vaulnaveys-le-haut.fr ou 04 76 89 18 02.

    Bien cordialement,
    Le directeur général des services
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="Exchange OOF; In-Reply-To office mailing")

autoreply("a13", parent="o3", slug="en-vacances-x-autoreply",
    date="2026-07-06 09:01:33", frm=("Bruno Tissot", "bruno.tissot@mairie-vinay.fr"),
    subject="En vacances !",
    text_=D("""
    Bonjour,

    Je suis en vacances jusqu'au 3 août. Votre message sera lu à mon retour.

    Bruno Tissot
    """), cs="windows-1252", cte="quoted-printable", mid_style="zimbra",
    headers=["X-Autoreply: yes", "X-Autorespond: yes"],
    note="custom-subject vacation reply, windows-1252, X-Autoreply; In-Reply-To office mailing")

autoreply("a14", parent="o3", slug="vacation-gmail-juillet",
    date="2026-07-06 09:02:20", frm=("Jérôme Paillard", "jerome.paillard.maire@gmail.com"),
    subject="Re: " + _o3s,
    text_=D("""
    Bonjour,

    Absent jusqu'au 27 juillet. Pour une urgence concernant la commune de Nantes-en-Ratier, appelez le 04 76 30 62 11.

    Jérôme Paillard
    """), mid_style="gmail", return_path="<jerome.paillard.maire@gmail.com>",
    headers=["Auto-Submitted: auto-replied"],
    note="Gmail vacation responder keeping 'Re: <subject>', Auto-Submitted; In-Reply-To office mailing")

autoreply("a15", parent="o3", slug="conge-maternite",
    date="2026-07-06 09:03:12", frm=("Léa Moutin", "lea.moutin@mairie-seyssins.fr"),
    subject="Réponse automatique : " + _o3s,
    text_=D("""
    Bonjour,

    Je suis actuellement en congé maternité jusqu'au 15 octobre 2026.
    Vos demandes concernant la vie associative peuvent être adressées à vie.associative@mairie-seyssins.fr.

    Merci,
    Léa Moutin
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="long-term absence (congé maternité) auto-reply; In-Reply-To office mailing")

autoreply("a16", parent="o3", slug="adresse-plus-consultee-apres-elections",
    date="2026-07-06 09:00:58", frm=("Alain Chevrier", "alain.chevrier@mairie-la-buisse.fr"),
    subject="Cette adresse n'est plus consultée",
    text_=D("""
    Bonjour,

    Suite aux élections municipales de mars 2026, M. Alain Chevrier n'exerce plus les fonctions de maire de La Buisse et cette adresse n'est plus consultée.

    Merci d'écrire désormais à : mairie@mairie-la-buisse.fr

    Ce message est envoyé automatiquement.
    """), mid_style="generic",
    headers=["Auto-Submitted: auto-replied"],
    note="'address no longer read' auto-reply after the municipal elections; In-Reply-To office mailing")

autoreply("a17", parent="o3", irt=False, slug="re-consultation-bonnes-vacances",
    date="2026-07-06 09:04:47", frm=("Marc Dubois-Ferrière", "marc.dubois-ferriere@wanadoo.fr"),
    subject="Re: " + _o3s,
    text_=D("""
    Bonjour,

    je suis en vacances sans accès à mes mails jusqu'au 24 août. Je vous répondrai à la rentrée.

    Bel été !
    Marc
    """), cs="utf-8", cte="8bit", mid_style="orange",
    return_path="<marc.dubois-ferriere@wanadoo.fr>",
    note="HARD auto (looks personal): informal signed vacation text, 'Re:' subject, no auto headers, no In-Reply-To; only the timing (4 min after mailing) and content tell")

dsn("b06", "o3", slug="delayed-mail-still-retried", date="2026-07-06 13:00:12",
    subject="Delayed Mail (still being retried)", action="delayed",
    note="Postfix delay warning (Action: delayed), multipart/report; bounce_of={file:o3}",
    human=D("""
    This is the mail system at host mx1.senateur-exemple.fr.

    ####################################################################
    # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
    ####################################################################

    Your message could not be delivered for 4.0 hours.
    It will be retried until it is 5.0 days old.

    For further assistance, please send mail to postmaster.

                       The mail system

    <secretariat@mairie-chasselay.fr>: connect to mx.mairie-chasselay.fr[198.51.100.77]:25:
        Connection timed out
    """),
    recipient="secretariat@mairie-chasselay.fr", status="4.4.1",
    diag="X-Postfix; connect to mx.mairie-chasselay.fr[198.51.100.77]:25: Connection timed out")

msg("b07", slug="failure-notice-qmail", date="2026-07-06 09:02:09",
    frm="MAILER-DAEMON@mail.mairie-roybon.fr", to=OFFICE_ADDR,
    subject="failure notice",
    body=text(D("""
    Hi. This is the qmail-send program at mail.mairie-roybon.fr.
    I'm afraid I wasn't able to deliver your message to the following addresses.
    This is a permanent error; I've given up. Sorry it didn't work out.

    <urbanisme@mairie-roybon.fr>:
    Sorry, no mailbox here by that name. (#5.1.1)

    --- Below this line is a copy of the message.

    """) + head_of("o3").decode("ascii") + "\n" + KEYS["o3"]["plain"][:400],
        cs="utf-8", cte="8bit"),
    kind="bounce", no_mid=True, return_path="<>",
    note="qmail plain-text 'failure notice', no multipart/report, no Message-ID, copy of the original inline; bounce_of={file:o3}")

msg("o3_r1", slug="re-consultation-statut-elu-st-antoine", date="2026-07-08 21:47",
    frm=("Hervé Collomb", "herve.collomb@saint-antoine-l-abbaye.fr"), to=[OFFICE],
    subject="RE: " + _o3s,
    body=alt(D("""
    Bonsoir,

    Voici mes réponses, en vrac et sans langue de bois :

    1. Non. 1 100 € brut par mois pour une commune de 1 200 habitants, c'est un demi-SMIC pour un temps plein.
    2. Difficilement. Je suis artisan, j'ai dû embaucher un salarié pour tenir.
    3. Oui : menaces verbales après un refus de permis de construire, plainte déposée en 2025.
    4. Elle existe sur le papier. L'assureur a mis quatre mois à répondre.
    5. Probablement pas.

    Je reste à disposition de la sénatrice pour en parler de vive voix.

    Hervé Collomb
    Maire de Saint-Antoine-l'Abbaye

    """) + q_outlook_fr(KEYS["o3"]), bstyle="outlook", hstyle="outlook"),
    case="consultation-statut-elu", irt="o3", mid_style="outlook",
    note="answer to office consultation with In-Reply-To")

office_reply("o3_o1", "o3_r1", "2026-07-09 10:20", D("""
    Monsieur le Maire,

    Merci pour ces réponses très précises. La sénatrice souhaiterait effectivement vous appeler : seriez-vous disponible le mardi 15 juillet en fin de journée ?

    Bien cordialement,
    """), slug="re-consultation-statut-elu-merci", who_="thomas",
    note="office follow-up inside the consultation case")

msg("o3_r2", slug="reponse-consultation-beaurepaire", date="2026-07-21 16:05",
    frm=("Corinne Vial", "c.vial@ville-beaurepaire.fr"), to=[OFFICE],
    subject="TR: " + _o3s,
    body=alt(D("""
    Bonjour,

    Le maire m'a transmis votre consultation. Je réponds en tant qu'adjointe aux finances :

    1. Les indemnités ne sont pas le sujet principal ; c'est le temps.
    2. Non : je suis passée à temps partiel, avec une perte de salaire et de droits à la retraite.
    3. Insultes sur les réseaux sociaux lors du débat sur la fermeture de la piscine.
    4. Je ne savais pas qu'elle existait.
    5. Je ne sais pas.

    Corinne Vial
    Adjointe au maire de Beaurepaire

    """) + q_outlook_fr(KEYS["o3"], old=True, to_override=["Mairie de Beaurepaire <mairie@ville-beaurepaire.fr>"]),
        bstyle="outlook", hstyle="outlook"),
    case="consultation-statut-elu", mid_style="exchange",
    note="HEADERS LOST: colleague at the same town hall answers an office mailing forwarded to her (TR:), old-style '-----Message d'origine-----' block names the office; no In-Reply-To")


# ==========================================================================
# 4. Threads with intact headers
# ==========================================================================

# T1 -- blocked pension (4 messages)
msg("t1_1", slug="retraite-bloquee-carsat", date="2026-01-12 15:32",
    frm=("Marcel Bouvier", "marcel.bouvier@wanadoo.fr"), to=[OFFICE],
    subject="Ma retraite bloquée depuis 8 mois",
    body=text(D("""
    Madame la Sénatrice,

    Je me permets de vous écrire car je ne sais plus à qui m'adresser. J'ai pris ma retraite le 1er mai 2025 après 43 ans de travail, dont 28 comme chauffeur routier. Depuis, je n'ai touché aucune pension de la CARSAT Rhône-Alpes, seulement un acompte de 600 euros en octobre.

    Mon dossier est "en cours d'instruction" selon le site. J'ai envoyé trois fois le relevé de carrière de mes années chez Transports Giraud (1982-1990), qui n'apparaissent pas. Au téléphone on me dit de patienter.

    Avec ma femme nous vivons sur son petit salaire et nos économies sont épuisées.

    Mon numéro de sécurité sociale et mon numéro de dossier sont dans la lettre jointe... enfin je les recopie : dossier n° 2025-RA-0447812.

    Je vous remercie de ce que vous pourrez faire.

    Marcel Bouvier
    7 chemin des Vignes
    38200 Vienne
    04 74 53 18 26
    """), cs="iso-8859-1", cte="quoted-printable"),
    case="retraite-bouvier", mid_style="orange", extra=[SPAM_NO],
    note="citizen request, ISO-8859-1 quoted-printable")

office_reply("t1_2", "t1_1", "2026-01-14 11:05", D("""
    Monsieur,

    La sénatrice a bien pris connaissance de votre situation. Nous avons saisi ce jour le service des relations avec les parlementaires de la CARSAT Rhône-Alpes en leur communiquant votre numéro de dossier.

    Nous ne manquerons pas de vous tenir informé de leur réponse.

    Bien cordialement,
    """), slug="re-retraite-bloquee-carsat")

msg("t1_3", slug="re-retraite-toujours-rien", date="2026-02-19 10:48",
    frm=("Marcel Bouvier", "marcel.bouvier@wanadoo.fr"), to=[OFFICE],
    subject="RE : Ma retraite bloquée depuis 8 mois",
    body=text(D("""
    Madame,

    Je reviens vers vous car je n'ai toujours rien reçu. La CARSAT m'a envoyé un courrier me demandant... le relevé de carrière que j'ai déjà envoyé trois fois !

    Je joins une copie de ce courrier si besoin.

    Merci encore,
    Marcel Bouvier

    """) + gt(KEYS["t1_2"]["plain"]), cs="iso-8859-1", cte="quoted-printable"),
    case="retraite-bouvier", irt="t1_2", mid_style="orange",
    note="follow-up after the office reply, In-Reply-To the reply, 36 days later")

office_reply("t1_4", "t1_3", "2026-02-23 16:40", D("""
    Monsieur,

    La CARSAT vient de nous répondre : les périodes manquantes ont été reportées sur votre relevé et votre dossier a été liquidé le 20 février. Le premier versement, incluant le rappel depuis mai 2025, devrait intervenir avant le 9 mars.

    N'hésitez pas à nous recontacter si ce n'était pas le cas.

    Bien cordialement,
    """), slug="re-retraite-carsat-reponse")

# T2 -- school roof subsidy, Saint-Laurent-du-Pont (3 messages + an auto-reply to the office)
msg("t2_1", slug="detr-toiture-ecole", date="2026-02-02 11:20",
    frm=("Gérard Perrin", "maire@saint-laurent-du-pont.fr"), to=[OFFICE],
    cc=[("Secrétariat général", "sg@saint-laurent-du-pont.fr")],
    subject="Demande de soutien – dossier DETR 2026 réfection de la toiture de l'école Jean-Moulin",
    body=alt(D("""
    Madame la Sénatrice,

    La commune de Saint-Laurent-du-Pont a déposé le 15 janvier un dossier de demande de DETR pour la réfection complète de la toiture de l'école élémentaire Jean-Moulin (infiltrations importantes, une classe fermée depuis novembre). Le coût des travaux est estimé à 318 000 € HT.

    La commission d'élus DETR se réunira fin février. Je me permets de solliciter votre soutien à ce dossier, qui conditionne la réalisation des travaux pendant l'été.

    Vous trouverez les pièces du dossier sur demande auprès de notre secrétariat général.

    Je vous prie d'agréer, Madame la Sénatrice, l'expression de ma haute considération.

    Gérard Perrin
    Maire de Saint-Laurent-du-Pont
    Vice-président de la communauté de communes Cœur de Chartreuse
    """), cs="windows-1252", cte="quoted-printable", bstyle="outlook", hstyle="outlook"),
    hcs="windows-1252", case="detr-ecole-st-laurent", mid_style="exchange",
    extra=["Thread-Topic: " + enc_header("Demande de soutien – dossier DETR 2026", "windows-1252"),
           "X-MS-Has-Attach: ", SPAM_NO],
    note="mayor's request, windows-1252 multipart/alternative, Cc")

office_reply("t2_2", "t2_1", "2026-02-05 09:30", D("""
    Monsieur le Maire,

    La sénatrice, membre de la commission d'élus DETR, a bien noté votre dossier et appuiera la demande de la commune lors de la réunion du 26 février. Elle en a également informé M. le Sous-préfet.

    Nous vous tiendrons informé de la décision.

    Bien cordialement,
    """), slug="re-detr-toiture-ecole", who_="thomas",
    cc=[("Secrétariat général", "sg@saint-laurent-du-pont.fr")])

autoreply("a19", parent="t2_2", slug="reponse-automatique-re-detr",
    date="2026-02-05 09:30:40", frm=("Gérard Perrin", "maire@saint-laurent-du-pont.fr"),
    subject="Réponse automatique : RE : Demande de soutien – dossier DETR 2026 réfection de la toiture de l'école Jean-Moulin",
    text_=D("""
    Bonjour,

    Je suis en déplacement jusqu'au 6 février et ne consulterai pas ma messagerie.
    Pour toute urgence, merci de contacter le secrétariat général : sg@saint-laurent-du-pont.fr

    Gérard Perrin
    """), html=True, bstyle="outlook", mid_style="exchange", cs="windows-1252",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="OOF of a correspondent to an office reply inside a thread; In-Reply-To the office reply; not part of the case")

msg("t2_3", slug="re-detr-toiture-merci", date="2026-02-27 18:02",
    frm=("Gérard Perrin", "maire@saint-laurent-du-pont.fr"), to=[OFFICE],
    subject="RE : Demande de soutien – dossier DETR 2026 réfection de la toiture de l'école Jean-Moulin",
    body=alt(D("""
    Madame la Sénatrice,

    Le sous-préfet vient de m'informer que notre dossier a été retenu à hauteur de 40 %. Merci pour votre soutien.

    Bien cordialement,
    Gérard Perrin

    """) + q_outlook_fr(KEYS["t2_2"]), cs="windows-1252", cte="quoted-printable",
        bstyle="outlook", hstyle="outlook"),
    hcs="windows-1252", case="detr-ecole-st-laurent", irt="t2_2", mid_style="exchange",
    note="thanks after the decision, In-Reply-To office reply")

# T3 -- wolf attacks on a farm (3 messages, photos attached)
msg("t3_1", slug="attaques-loup-gaec", date="2026-03-03 20:14",
    frm=("Nathalie Bonnard", "gaec.quatrevents@gmail.com"), to=[OFFICE],
    subject="Attaques de loup sur notre troupeau – 3e attaque en un mois",
    body=alt(D("""
    Madame la Sénatrice,

    Nous sommes éleveurs ovins à Saint-Martin-de-Clelles (GAEC des Quatre Vents, 420 brebis). Dans la nuit du 1er au 2 mars, nous avons subi la troisième attaque de loup depuis le 5 février : 11 brebis tuées, 6 blessées qu'il a fallu euthanasier. Les brebis étaient en bergerie ouverte, avec deux chiens de protection.

    Le constat de l'OFB a été fait, mais les indemnisations de janvier ne sont toujours pas versées et la demande de tir de défense renforcée n'a pas eu de réponse de la préfecture.

    Mon mari ne dort plus. Nous envisageons sérieusement d'arrêter.

    Pouvez-vous intervenir auprès du préfet ?

    Nathalie Bonnard
    GAEC des Quatre Vents
    06 32 71 90 45
    """), bstyle="gmail"),
    case="loup-gaec-quatre-vents", mid_style="gmail",
    note="farmer request, Gmail multipart/alternative")

office_reply("t3_2", "t3_1", "2026-03-05 12:10", D("""
    Madame,

    La sénatrice a écrit ce jour au préfet de l'Isère pour appuyer votre demande de tir de défense renforcée et demander le versement rapide des indemnisations. Elle souhaiterait se rendre sur votre exploitation lors de son prochain passage dans le Trièves.

    Pourriez-vous nous transmettre les photos des constats et les numéros de dossier OFB ?

    Bien cordialement,
    """), slug="re-attaques-loup-gaec")

msg("t3_3", slug="re-attaques-loup-photos", date="2026-03-16 07:55",
    frm=("Nathalie Bonnard", "gaec.quatrevents@gmail.com"), to=[OFFICE],
    subject="Re: Attaques de loup sur notre troupeau – 3e attaque en un mois",
    body=mixed(alt(D("""
    Bonjour,

    Voici les photos et les numéros de constat : OFB-38-2026-0211, 0248 et 0263.

    La sénatrice est la bienvenue quand elle veut, prévenez-nous juste la veille.

    Nathalie

    """) + q_gmail_fr(KEYS["t3_2"]), bstyle="gmail"),
        [attachment("IMG_20260302_0712.jpg", "image/jpeg", fake_jpeg()),
         attachment("IMG_20260302_0715.jpg", "image/jpeg", fake_jpeg())], "gmail"),
    case="loup-gaec-quatre-vents", irt="t3_2", mid_style="gmail",
    note="follow-up with two JPEG attachments, In-Reply-To office reply")

# T4 -- internship request (3 messages, CV attached)
msg("t4_1", slug="demande-stage-permanence", date="2026-02-10 13:02",
    frm=("Lucie Fabre", "lucie.fabre@etu.univ-grenoble-alpes.fr"), to=[OFFICE],
    subject="Candidature stage – permanence parlementaire (avril-juin 2026)",
    body=text(D("""
    Madame, Monsieur,

    Étudiante en master 1 « Administration publique » à l'université Grenoble Alpes, je recherche un stage de 8 à 10 semaines entre le 13 avril et le 19 juin 2026.

    Le travail d'une permanence parlementaire, au contact des élus locaux et des habitants, m'intéresse particulièrement ; j'ai par ailleurs effectué l'an dernier un stage au service juridique de la mairie d'Échirolles.

    Je me tiens à votre disposition pour vous transmettre mon CV et ma convention de stage.

    Respectueusement,
    Lucie Fabre
    06 18 44 27 93
    """), cte="quoted-printable"),
    case="stage-fabre", mid_style="zimbra", mid_domain="etu.univ-grenoble-alpes.fr",
    note="internship request from a university Zimbra")

office_reply("t4_2", "t4_1", "2026-02-12 10:15", D("""
    Bonjour Mademoiselle Fabre,

    Merci pour votre candidature. Pourriez-vous nous adresser votre CV ? Nous pourrions ensuite vous proposer un entretien à la permanence.

    Bien cordialement,
    """), slug="re-demande-stage-permanence")

msg("t4_3", slug="re-demande-stage-cv", date="2026-02-12 19:40",
    frm=("Lucie Fabre", "lucie.fabre@etu.univ-grenoble-alpes.fr"), to=[OFFICE],
    subject="Re: RE : Candidature stage – permanence parlementaire (avril-juin 2026)",
    body=mixed(text(D("""
    Bonjour,

    Merci pour votre retour rapide. Vous trouverez mon CV ci-joint. Je suis disponible pour un entretien tous les après-midis, sauf le jeudi.

    Bien cordialement,
    Lucie Fabre

    """) + q_tb_fr(KEYS["t4_2"]), cte="quoted-printable"),
        [attachment("CV_Lucie_Fabre_2026.pdf", "application/pdf", fake_pdf("CV Lucie Fabre"))]),
    case="stage-fabre", irt="t4_2", mid_style="zimbra", mid_domain="etu.univ-grenoble-alpes.fr",
    note="answer with PDF attachment, stacked 'Re: RE :' prefixes")

# T5 -- energy prices for a joinery (contact@ written by the manager)
msg("t5_1", slug="facture-electricite-menuiserie", date="2026-03-18 07:42",
    frm=("Menuiserie Giraud & Fils", "contact@menuiserie-giraud.fr"), to=[OFFICE],
    subject="Facture d'électricité x3 – menuiserie de 14 salariés",
    body=text(D("""
    Madame la Sénatrice,

    Je dirige la menuiserie Giraud à Voreppe (14 salariés). Notre contrat d'électricité arrive à échéance le 30 avril et la seule offre que nous recevons triple le prix du kWh. Nous ne sommes plus éligibles au bouclier ni à l'amortisseur.

    À ce prix, je devrai arrêter une des deux lignes de production et me séparer de 4 personnes.

    Existe-t-il un dispositif pour les TPE dans notre situation ? Le médiateur de l'énergie ne traite pas les contrats professionnels au-delà de 10 salariés, m'a-t-on dit.

    Patrick Giraud
    Gérant
    Menuiserie Giraud & Fils – ZA de Centr'Alp – 38340 Voreppe
    """), cte="quoted-printable"),
    case="energie-menuiserie-giraud", mid_style="generic",
    note="HARD personal: generic contact@ address of a small business, written by its manager")

office_reply("t5_2", "t5_1", "2026-03-19 14:22", D("""
    Monsieur Giraud,

    Merci pour votre message. Plusieurs leviers existent (renégociation accompagnée par la CCI, saisine du médiateur des entreprises, étalement des factures). Nous avons transmis votre situation au délégué territorial de la Banque de France et à la CCI de Grenoble.

    La sénatrice interroge par ailleurs le Gouvernement sur la situation des TPE exclues des dispositifs d'aide.

    Bien cordialement,
    """), slug="re-facture-electricite-menuiserie", who_="claire")

# T6 -- residence permit appointment, ISO-8859-1 8bit (3 messages)
msg("t6_1", slug="rendez-vous-prefecture-titre-sejour", date="2026-04-07 21:33",
    frm=("Awa Ndiaye", "awa.ndiaye@laposte.net"), to=[OFFICE],
    subject="Impossible d'avoir un rendez-vous à la préfecture pour mon mari",
    body=text(D("""
    Bonjour Madame la Sénatrice,

    Mon mari, de nationalité sénégalaise, a une carte de séjour "vie privée et familiale" qui expire le 2 mai. Depuis février nous essayons de prendre rendez-vous sur le site de la préfecture de l'Isère et il n'y a jamais de créneau. Nous avons fait la demande sur l'ANEF, elle est "en cours" depuis 9 semaines.

    Sans récépissé, il va perdre son emploi d'aide-soignant à l'hôpital d'Échirolles.

    Pouvez-vous nous aider ?

    Merci beaucoup,
    Awa Ndiaye
    12 avenue des États-Généraux
    38130 Échirolles
    """), cs="iso-8859-1", cte="8bit"),
    hcs="iso-8859-1", case="titre-sejour-ndiaye", mid_style="generic", mid_domain="laposte.net",
    note="ISO-8859-1 8bit body and ISO-8859-1 encoded-word headers")

office_reply("t6_2", "t6_1", "2026-04-09 10:02", D("""
    Madame,

    Nous avons signalé la situation de votre mari au bureau du séjour de la préfecture de l'Isère, qui nous indique qu'une attestation de prolongation d'instruction peut être délivrée via l'ANEF. Il devrait la recevoir dans les prochains jours.

    Tenez-nous informés.

    Bien cordialement,
    """), slug="re-rendez-vous-prefecture-titre-sejour")

msg("t6_3", slug="re-titre-sejour-merci", date="2026-04-28 19:12",
    frm=("Awa Ndiaye", "awa.ndiaye@laposte.net"), to=[OFFICE],
    subject="Re: RE : Impossible d'avoir un rendez-vous à la préfecture pour mon mari",
    body=text(D("""
    Bonjour,

    Mon mari a reçu l'attestation, il a pu la donner à son employeur. Un grand merci à vous et à la sénatrice.

    Awa Ndiaye
    """), cs="iso-8859-1", cte="8bit"),
    hcs="iso-8859-1", case="titre-sejour-ndiaye", irt="t6_2", mid_style="generic",
    mid_domain="laposte.net", note="thanks, no quote, In-Reply-To office reply")

# T7 -- office writes first to the chamber of agriculture (2 messages)
office_new("t7_1", "2026-08-18 11:30", D("""
    Monsieur le Directeur,

    Dans la perspective du débat budgétaire, la sénatrice Hélène Marchal souhaiterait disposer d'éléments chiffrés sur l'impact de la sécheresse de l'été 2026 sur les exploitations iséroises : surfaces touchées, pertes de fourrage estimées, nombre de demandes au titre des calamités agricoles.

    Pourriez-vous nous indiquer si votre service économie dispose de ces données, ou nous orienter vers la bonne personne ?

    Avec nos remerciements,
    """), slug="demande-donnees-secheresse-chambre-agriculture",
    to=[("Didier Vernet", "didier.vernet@isere.chambagri.fr")],
    subject="Demande d'éléments – impact de la sécheresse 2026 sur les exploitations iséroises",
    case="secheresse-chambre-agri", who_="claire",
    note="office writes first (a letter): opens a case")

msg("t7_2", slug="re-donnees-secheresse", date="2026-08-25 15:48",
    frm=("Didier Vernet", "didier.vernet@isere.chambagri.fr"), to=[OFFICE],
    cc=[("Émilie Baret", "emilie.baret@isere.chambagri.fr")],
    subject="RE: Demande d'éléments – impact de la sécheresse 2026 sur les exploitations iséroises",
    body=mixed(alt(D("""
    Madame,

    Vous trouverez ci-joint une première note de synthèse. Ma collègue Émilie Baret, en copie, pourra vous apporter tout complément sur le volet calamités agricoles.

    En résumé : environ 38 000 ha de prairies touchés, surtout en Bièvre-Valloire et dans le Nord-Isère, 30 à 45 % de pertes sur les deuxièmes coupes.

    Cordialement,
    Didier Vernet
    Directeur – Chambre d'agriculture de l'Isère

    """) + q_outlook_fr(KEYS["t7_1"]), bstyle="outlook", hstyle="outlook"),
        [attachment("Note_secheresse_2026_v2.pdf", "application/pdf", fake_pdf("Note secheresse 2026"))],
        "outlook"),
    case="secheresse-chambre-agri", irt="t7_1", mid_style="outlook",
    note="answer to an office-initiated letter, with attachment and Cc")

# T8 -- mobile coverage in a mountain commune, windows-1252 (3 messages)
msg("t8_1", slug="zone-blanche-hameaux", date="2026-03-02 08:57",
    frm=("Denis Arnaud", "mairie@saint-christophe-en-oisans.fr"), to=[OFFICE],
    subject="Zones blanches – hameaux de Champhorent et de La Bérarde",
    body=alt(D("""
    Madame la Sénatrice,

    Malgré les engagements du « New Deal mobile », les hameaux de Champhorent et de La Bérarde n'ont toujours aucune couverture téléphonique. Après la crue de 2024, l'absence de réseau est devenue un vrai sujet de sécurité : les secours ont dû être prévenus par radio.

    Le pylône prévu en 2025 n'est toujours pas construit ; l'opérateur évoque un problème de raccordement électrique.

    Pourriez-vous interroger la ministre chargée du numérique et l'opérateur désigné ?

    Bien respectueusement,

    Denis Arnaud
    Maire de Saint-Christophe-en-Oisans
    """), cs="windows-1252", cte="quoted-printable", bstyle="outlook", hstyle="outlook"),
    hcs="windows-1252", case="zone-blanche-st-christophe", mid_style="exchange",
    note="mayor request, windows-1252")

office_reply("t8_2", "t8_1", "2026-03-04 17:15", D("""
    Monsieur le Maire,

    La sénatrice a déposé ce jour une question écrite à la ministre déléguée chargée du numérique sur la situation de vos hameaux, et a sollicité l'opérateur désigné. Nous vous transmettrons les réponses dès réception.

    Bien cordialement,
    """), slug="re-zone-blanche-hameaux", who_="thomas")

msg("t8_3", slug="re-zone-blanche-relance", date="2026-04-30 09:20",
    frm=("Denis Arnaud", "mairie@saint-christophe-en-oisans.fr"), to=[OFFICE],
    subject="RE : Zones blanches – hameaux de Champhorent et de La Bérarde",
    body=alt(D("""
    Bonjour,

    Réélu en mars, je me permets de relancer : l'opérateur nous annonce désormais une mise en service « au plus tôt à l'été 2027 ». La saison d'été commence dans six semaines.

    Avez-vous eu une réponse de la ministre ?

    Denis Arnaud

    """) + q_outlook_fr(KEYS["t8_2"]), cs="windows-1252", cte="quoted-printable",
        bstyle="outlook", hstyle="outlook"),
    hcs="windows-1252", case="zone-blanche-st-christophe", irt="t8_2", mid_style="exchange",
    note="follow-up 57 days after the office reply, In-Reply-To")

# T9 -- child without AESH at the start of the school year (3 messages)
msg("t9_1", slug="rentree-sans-aesh", date="2026-09-03 12:41",
    frm=("Karine Chabert", "karine.chabert@sfr.fr"), to=[OFFICE],
    subject="Mon fils autiste sans AESH à la rentrée",
    body=text(D("""
    Madame la Sénatrice,

    Mon fils Léo, 8 ans, est autiste. La MDPH lui a notifié en juin une aide humaine individuelle de 18 heures par semaine. À la rentrée, mardi, l'école Jean-Jaurès de Bourgoin-Jallieu nous a annoncé qu'aucune AESH n'était affectée. Il ne peut être accueilli que le matin, et je ne peux pas rester à la maison l'après-midi.

    L'inspection académique ne répond pas à mes messages.

    Je vous remercie de votre aide.

    Karine Chabert
    Bourgoin-Jallieu
    """), cte="base64"),
    case="aesh-chabert", mid_style="generic", mid_domain="sfr.fr",
    note="parent request, base64 UTF-8 text/plain")

office_reply("t9_2", "t9_1", "2026-09-04 09:30", D("""
    Madame,

    Nous avons immédiatement saisi le directeur académique des services de l'Éducation nationale (DASEN) de l'Isère. La sénatrice a également interrogé le ministre sur le nombre d'élèves sans accompagnant dans le département.

    Nous revenons vers vous dès que nous avons une réponse.

    Bien cordialement,
    """), slug="re-rentree-sans-aesh")

msg("t9_3", slug="re-aesh-affectee", date="2026-09-22 20:05",
    frm=("Karine Chabert", "karine.chabert@sfr.fr"), to=[OFFICE],
    subject="Re: RE : Mon fils autiste sans AESH à la rentrée",
    body=text(D("""
    Bonsoir,

    Une AESH a été affectée à Léo depuis lundi, 12 heures pour l'instant (au lieu de 18). C'est mieux que rien, mais pouvez-vous continuer à suivre le dossier pour les heures manquantes ?

    Merci,
    Karine Chabert

    """) + gt(KEYS["t9_2"]["plain"]), cte="base64"),
    case="aesh-chabert", irt="t9_2", mid_style="generic", mid_domain="sfr.fr",
    note="update with a new question, In-Reply-To office reply")

# T10 -- MaPrimeRenov unpaid (3 messages + an auto-reply to the office)
msg("t10_1", slug="maprimerenov-non-versee", date="2026-06-02 17:16",
    frm=("Danielle Rossi", "danielle.rossi@orange.fr"), to=[OFFICE],
    subject="MaPrimeRénov' jamais versée – travaux terminés depuis 11 mois",
    body=text(D("""
    Madame la Sénatrice,

    Nous avons fait isoler les combles et installer une pompe à chaleur dans notre maison de Fontaine en juin 2025 (dossier MaPrimeRénov' MPR-2025-38-118742). L'entreprise a été payée par un prêt que nous remboursons. La prime de 7 400 € n'a jamais été versée : le dossier est « en cours de contrôle » depuis juillet 2025.

    Nous avons appris depuis que l'entreprise fait l'objet d'une enquête pour fraude. Mais nous, nous avons tout payé et les travaux sont faits !

    Que pouvons-nous faire ?

    Danielle Rossi
    Fontaine
    """), cs="utf-8", cte="quoted-printable"),
    case="maprimerenov-rossi", mid_style="orange",
    note="citizen request")

office_reply("t10_2", "t10_1", "2026-06-04 15:00", D("""
    Madame,

    Nous avons transmis votre dossier au délégué local de l'Agence nationale de l'habitat (Anah) en leur demandant de distinguer votre situation de celle de l'entreprise. Pourriez-vous nous adresser une copie de la facture acquittée et du procès-verbal de réception des travaux ?

    Bien cordialement,
    """), slug="re-maprimerenov-non-versee")

autoreply("a23", parent="t10_2", slug="message-absence-orange-mail",
    date="2026-06-04 15:00:52", frm=("Danielle Rossi", "danielle.rossi@orange.fr"),
    subject="Message d'absence",
    text_=D("""
    Bonjour, je suis absente jusqu'au 14 juin. Je lirai votre message à mon retour.
    Danielle Rossi
    """), mid_style="orange", return_path="<>",
    headers=["Precedence: auto_reply", "X-Autoreply: yes"],
    note="citizen's own webmail auto-reply to the office reply (Precedence: auto_reply); In-Reply-To office reply; not part of the case")

msg("t10_3", slug="re-maprimerenov-factures", date="2026-07-15 10:34",
    frm=("Danielle Rossi", "danielle.rossi@orange.fr"), to=[OFFICE],
    subject="RE: RE : MaPrimeRénov' jamais versée – travaux terminés depuis 11 mois",
    body=mixed(text(D("""
    Bonjour,

    Excusez-moi du retard, j'étais à l'hôpital. Voici la facture et le PV de réception.

    Danielle Rossi

    """) + gt(KEYS["t10_2"]["plain"]), cte="quoted-printable"),
        [attachment("Facture acquittée.pdf", "application/pdf", fake_pdf("Facture")),
         attachment("PV réception travaux.pdf", "application/pdf", fake_pdf("PV"))]),
    case="maprimerenov-rossi", irt="t10_2", mid_style="orange",
    note="late follow-up (41 days) with attachments whose names are RFC 2231 encoded")

# T11 -- football club tournament (2 messages + club follow-up)
msg("t11_1", slug="invitation-tournoi-us-pont-de-claix", date="2026-04-14 22:10",
    frm=("Karim Belkacem", "president@uspc-foot.fr"), to=[OFFICE],
    subject="Tournoi U11-U13 du 13 juin et demande de soutien ANS",
    body=alt(D("""
    Madame la Sénatrice,

    L'Union sportive de Pont-de-Claix organise le samedi 13 juin son tournoi annuel U11-U13 (32 équipes, 400 jeunes). Nous serions très honorés de votre présence pour la remise des coupes à 17h30.

    Par ailleurs, nous déposons une demande de subvention auprès de l'Agence nationale du sport pour l'achat d'un minibus. Une lettre de soutien de votre part nous serait précieuse.

    Sportivement,
    Karim Belkacem
    Président de l'USPC
    """), bstyle="default"),
    case="uspc-tournoi", mid_style="generic",
    note="sports club: invitation + request for a support letter")

office_reply("t11_2", "t11_1", "2026-04-16 11:45", D("""
    Monsieur le Président,

    La sénatrice sera heureuse d'être présente à la remise des coupes le 13 juin. Concernant la lettre de soutien, pourriez-vous nous préciser le montant demandé et la date limite de dépôt du dossier ANS ?

    Sportivement,
    """), slug="re-tournoi-us-pont-de-claix", who_="thomas")

msg("t11_3", slug="re-tournoi-precisions-ans", date="2026-04-17 08:03",
    frm=("Karim Belkacem", "president@uspc-foot.fr"), to=[OFFICE],
    subject="Re: RE : Tournoi U11-U13 du 13 juin et demande de soutien ANS",
    body=text(D("""
    Bonjour,

    Merci beaucoup ! Montant demandé : 18 000 € sur 42 000 €. Date limite : 30 avril.

    Karim

    """) + gt(KEYS["t11_2"]["plain"])),
    case="uspc-tournoi", irt="t11_2", mid_style="generic",
    note="follow-up, In-Reply-To office reply")

# T12 -- journalist interview (3 messages + an auto-reply in between)
msg("t12_1", slug="demande-interview-ligne-grenoble-lyon", date="2026-10-05 16:25",
    frm=("Romain Ferrand", "r.ferrand@echo-gresivaudan.fr"), to=[OFFICE],
    subject="Demande d'interview – trains Grenoble-Lyon",
    body=text(D("""
    Bonjour,

    Je prépare pour L'Écho du Grésivaudan un dossier sur la dégradation des TER Grenoble – Lyon (suppressions, retards, rames bondées). J'aimerais recueillir la réaction de Mme Marchal, qui a interpellé SNCF Voyageurs au printemps.

    Serait-elle disponible pour un entretien téléphonique de 15 minutes cette semaine ? Bouclage jeudi midi.

    Merci,
    Romain Ferrand
    Journaliste – L'Écho du Grésivaudan
    06 21 40 83 57
    """), cte="quoted-printable"),
    case="interview-echo-gresivaudan", mid_style="generic",
    note="press request")

office_reply("t12_2", "t12_1", "2026-10-06 09:10", D("""
    Bonjour Monsieur Ferrand,

    La sénatrice peut vous appeler mercredi 7 octobre à 11h. Merci de nous confirmer le numéro auquel vous joindre.

    Bien cordialement,
    """), slug="re-demande-interview", who_="claire")

autoreply("a24", parent="t12_2", slug="en-reportage-journee",
    date="2026-10-06 09:10:31", frm=("Romain Ferrand", "r.ferrand@echo-gresivaudan.fr"),
    subject="En reportage aujourd'hui",
    text_=D("""
    Bonjour,

    Je suis en reportage toute la journée du 6 octobre et lirai mes messages ce soir.
    Pour la rédaction : redaction@echo-gresivaudan.fr

    Romain Ferrand
    """), mid_style="generic", headers=["X-Autoreply: yes", "Auto-Submitted: auto-replied"],
    note="one-day auto-reply from the journalist to the office reply; In-Reply-To; not part of the case")

msg("t12_3", slug="re-interview-confirmation", date="2026-10-06 19:52",
    frm=("Romain Ferrand", "r.ferrand@echo-gresivaudan.fr"), to=[OFFICE],
    subject="Re: RE : Demande d'interview – trains Grenoble-Lyon",
    body=text(D("""
    Bonsoir,

    Parfait pour demain 11h, au 06 21 40 83 57. Merci !

    Romain Ferrand

    """) + gt(KEYS["t12_2"]["plain"])),
    case="interview-echo-gresivaudan", irt="t12_2", mid_style="generic",
    note="confirmation, In-Reply-To office reply (after the journalist's own auto-reply)")

# T13 -- contact form relay (form, office reply, citizen answer)
def contact_form(key, *, slug, date, name, email, phone, commune, objet, message,
                 case, note, cs="utf-8", cte="quoted-printable", html=False):
    t = D(f"""
    Nouveau message envoyé depuis le formulaire de contact du site senateur-exemple.fr

    Nom : {name.split(' ', 1)[1]}
    Prénom : {name.split(' ', 1)[0]}
    Adresse électronique : {email}
    Téléphone : {phone}
    Commune : {commune}
    Objet : {objet}

    Message :
    """) + message.rstrip("\n") + "\n\n--\nCe message a été envoyé automatiquement par le site senateur-exemple.fr.\nRépondez directement à cet e-mail pour écrire à l'expéditeur.\n"
    body = alt(t, cs, cte) if html else text(t, cs=cs, cte=cte)
    return msg(key, slug=slug, date=date, frm=FORM, to=[OFFICE],
               reply_to=(name, email), subject=f"[Contact] {objet}", body=body,
               case=case, note=note, mid_style="mailer", mid_domain="senateur-exemple.fr",
               received=False, extra=["X-Mailer: WordPress/6.9; Contact Form 7",
                                      "X-Origin: formulaire-contact"])

contact_form("t13_1", slug="formulaire-logement-social", date="2026-05-11 23:12",
    name="Isabelle Dupuis", email="isa.dupuis38@hotmail.fr", phone="06 52 19 88 04",
    commune="Saint-Martin-d'Hères", objet="Demande de logement social depuis 4 ans",
    message=D("""
    Bonjour Madame la Sénatrice,

    Je suis mère seule avec deux enfants et j'ai une demande de logement social active depuis mars 2022 (numéro unique 038 0322 04417). Nous vivons à trois dans un T2 de 38 m² et mon fils a de l'asthme à cause de l'humidité. J'ai été deux fois « en réserve » en commission et jamais retenue.

    Je ne sais plus quoi faire. Pouvez-vous appuyer mon dossier ?

    Isabelle Dupuis
    """), case="logement-dupuis",
    note="HARD personal: website contact form relayed from noreply@ with the citizen in Reply-To")

office_reply("t13_2", "t13_1", "2026-05-12 14:30", D("""
    Madame,

    Nous avons bien reçu votre message. La sénatrice a appuyé votre demande auprès du service habitat de Grenoble-Alpes Métropole et de la préfecture (contingent préfectoral), compte tenu de la sur-occupation et de la santé de votre fils.

    Pourriez-vous nous transmettre un certificat médical récent ? Il renforcera le dossier.

    Bien cordialement,
    """), slug="re-formulaire-logement-social", subject="Votre demande de logement social",
    note="office reply to a contact-form message: goes to the Reply-To citizen, new subject, In-Reply-To the relay")

msg("t13_3", slug="re-logement-social-certificat", date="2026-05-19 08:15",
    frm=("Isabelle Dupuis", "isa.dupuis38@hotmail.fr"), to=[OFFICE],
    subject="RE: Votre demande de logement social",
    body=mixed(alt(D("""
    Bonjour,

    Voici le certificat du pneumologue. Merci infiniment pour votre aide.

    Isabelle Dupuis

    """) + q_outlook_fr(KEYS["t13_2"]), bstyle="outlook", hstyle="outlook"),
        [attachment("certificat medical.pdf", "application/pdf", fake_pdf("Certificat"))], "outlook"),
    case="logement-dupuis", irt="t13_2", mid_style="outlook",
    note="citizen answers the office reply; case opened by the contact form")

# T14 -- Italian partner commune (2 messages + Italian auto-reply)
msg("t14_1", slug="projet-transfrontalier-bussoleno", date="2026-03-23 10:40",
    frm=("Francesca Bertolino", "cultura@comune.bussoleno.to.it"), to=[OFFICE],
    subject="Progetto « Alpes sans frontières » – demande de patronage",
    body=alt(D("""
    Madame la Sénatrice,

    Je suis adjointe à la culture de la commune de Bussoleno (Piémont), jumelée avec Vizille depuis 1998. Nous préparons avec la mairie de Vizille un festival de musique alpine, « Alpes sans frontières », les 18 et 19 juillet, avec un financement Interreg ALCOTRA.

    Nous serions honorés que vous acceptiez d'accorder votre patronage à l'événement, et si possible d'être présente à l'inauguration à Vizille.

    Cordiali saluti,
    Francesca Bertolino
    Assessora alla cultura – Comune di Bussoleno
    """), bstyle="mailer"),
    case="jumelage-bussoleno", mid_style="generic",
    note="foreign (Italian) correspondent writing in French")

office_reply("t14_2", "t14_1", "2026-03-25 16:05", D("""
    Madame l'Adjointe,

    La sénatrice accorde bien volontiers son patronage au festival « Alpes sans frontières ». Elle sera présente à l'inauguration le 18 juillet si son agenda parlementaire le permet.

    Pourriez-vous nous adresser le programme et le logo à utiliser ?

    Cordialement,
    """), slug="re-projet-transfrontalier-bussoleno", who_="claire")

autoreply("a18", parent="t14_2", slug="risposta-automatica",
    date="2026-03-25 16:05:44", frm=("Francesca Bertolino", "cultura@comune.bussoleno.to.it"),
    subject="Risposta automatica: RE : Progetto « Alpes sans frontières » – demande de patronage",
    text_=D("""
    Buongiorno,

    sarò assente dall'ufficio fino al 30 marzo. Per urgenze potete contattare l'Ufficio Cultura al numero 0122 49 002.

    Cordiali saluti,
    Francesca Bertolino
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="Italian Exchange auto-reply ('Risposta automatica:'); In-Reply-To office reply")

msg("t14_3", slug="re-alpes-sans-frontieres-programme", date="2026-04-08 09:05",
    frm=("Francesca Bertolino", "cultura@comune.bussoleno.to.it"), to=[OFFICE],
    subject="R: RE : Progetto « Alpes sans frontières » – demande de patronage",
    body=mixed(alt(D("""
    Madame,

    Grazie mille ! Vous trouverez ci-joint le programme provisoire et le logo. L'inauguration aura lieu le samedi 18 juillet à 18h, place du Château à Vizille.

    Francesca Bertolino

    """) + q_outlook_fr(KEYS["t14_2"]), bstyle="outlook", hstyle="outlook"),
        [attachment("Programma_Alpes_sans_frontieres.pdf", "application/pdf", fake_pdf("Programma")),
         attachment("logo_ASF.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(R.randrange(256) for _ in range(300)))],
        "outlook"),
    case="jumelage-bussoleno", irt="t14_2", mid_style="exchange", mid_domain="comune.bussoleno.to.it",
    note="Italian reply prefix 'R:', In-Reply-To office reply, attachments")

# T15 -- German plant manager (2 messages + German auto-reply)
msg("t15_1", slug="visite-site-keller-chemie", date="2026-06-15 08:30",
    frm=("Matthias Keller", "m.keller@keller-chemie.de"), to=[OFFICE],
    subject="Invitation à visiter notre site de Pont-de-Claix",
    body=text(D("""
    Madame la Sénatrice,

    Notre groupe investit 24 millions d'euros dans une nouvelle unité de recyclage de solvants sur la plateforme chimique de Pont-de-Claix, avec 35 emplois à la clé. Les travaux démarrent en septembre.

    Je serais heureux de vous faire visiter le site et de vous présenter le projet, notamment nos difficultés de recrutement de techniciens et le délai d'instruction de notre autorisation environnementale (18 mois).

    Avec mes salutations distinguées,

    Matthias Keller
    Directeur du site – Keller Chemie France SAS
    """)),
    case="keller-chemie-visite", mid_style="exchange", mid_domain="keller-chemie.de",
    note="foreign company director writing in French")

office_reply("t15_2", "t15_1", "2026-06-17 10:00", D("""
    Monsieur le Directeur,

    La sénatrice accepte avec plaisir votre invitation. Pourriez-vous nous proposer deux ou trois dates en juillet, de préférence un lundi ?

    Bien cordialement,
    """), slug="re-visite-site-keller-chemie", who_="thomas")

autoreply("a20", parent="t15_2", slug="abwesenheitsnotiz",
    date="2026-06-17 10:00:27", frm=("Matthias Keller", "m.keller@keller-chemie.de"),
    subject="Abwesenheitsnotiz: RE : Invitation à visiter notre site de Pont-de-Claix",
    text_=D("""
    Sehr geehrte Damen und Herren,

    vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 26. Juni 2026 nicht im Büro und habe nur eingeschränkt Zugriff auf meine E-Mails.
    In dringenden Fällen wenden Sie sich bitte an Frau Anne Morel (a.morel@keller-chemie.de).

    Je suis absent jusqu'au 26 juin inclus. En cas d'urgence : a.morel@keller-chemie.de

    Mit freundlichen Grüßen
    Matthias Keller
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="German/French bilingual OOF ('Abwesenheitsnotiz:'); In-Reply-To office reply")

# T16 -- English-speaking researcher (2 messages + English auto-reply)
msg("t16_1", slug="research-interview-request", date="2026-10-19 14:02",
    frm=("Emma Caldwell", "e.caldwell@ed-research.ac.uk"), to=[OFFICE],
    subject="Research interview request – senators and rural mayors",
    body=text(D("""
    Dear Senator Marchal,

    I am a lecturer in comparative politics at a UK university and am conducting a study on how French senators maintain links with rural mayors since the end of the cumul des mandats.

    Would you, or a member of your staff, be willing to take part in a 45-minute interview (in French or English) in November? The interview would be anonymised.

    With best wishes,
    Dr Emma Caldwell
    """), cte="7bit"),
    case="recherche-caldwell", mid_style="outlook",
    note="personal request in English")

office_reply("t16_2", "t16_1", "2026-10-21 10:40", D("""
    Dear Dr Caldwell,

    Thank you for your message. Senator Marchal's parliamentary assistant, Claire Vasseur, will be happy to take part in the interview. Would Thursday 12 November at 2 pm (Paris time) suit you?

    Kind regards,
    """), slug="re-research-interview-request", subject="RE: Research interview request – senators and rural mayors")

autoreply("a21", parent="t16_2", slug="automatic-reply-re-research",
    date="2026-10-21 10:40:18", frm=("Emma Caldwell", "e.caldwell@ed-research.ac.uk"),
    subject="Automatic reply: RE: Research interview request – senators and rural mayors",
    text_=D("""
    Thank you for your email. I am on fieldwork in France until 23 October with intermittent access to email. I will reply on my return.

    Emma Caldwell
    """), html=True, bstyle="outlook", mid_style="outlook",
    headers=["Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All"],
    note="English OOF to an office reply; In-Reply-To")

msg("t16_3", slug="re-research-interview-confirmed", date="2026-10-24 09:12",
    frm=("Emma Caldwell", "e.caldwell@ed-research.ac.uk"), to=[OFFICE],
    subject="RE: Research interview request – senators and rural mayors",
    body=alt("Dear Ms Vasseur,\n\nThursday 12 November at 2 pm is perfect. I will call the office number.\n\nMany thanks,\nEmma\n\n"
             + q_outlook_en(KEYS["t16_2"]), bstyle="outlook", hstyle="outlook"),
    case="recherche-caldwell", irt="t16_2", mid_style="outlook",
    note="English reply, In-Reply-To office reply")


# ==========================================================================
# 5. Threads whose headers were lost
# ==========================================================================

# B1 -- Voiron, green fund application; the 3rd message quotes in Outlook FR
msg("b1_1", slug="fonds-vert-renovation-gymnase", date="2026-01-20 14:55",
    frm=("Sandrine Michon", "s.michon@ville-voiron.fr"), to=[OFFICE],
    subject="Fonds vert 2026 – rénovation énergétique du gymnase Pierre-de-Coubertin",
    body=alt(D("""
    Bonjour,

    La ville de Voiron prépare un dossier au titre du Fonds vert 2026 pour la rénovation énergétique du gymnase Pierre-de-Coubertin (isolation, remplacement de la chaufferie fioul). Le coût est de 1,9 M€ HT.

    Nous avons appris que l'enveloppe départementale serait réduite de moitié. Pourriez-vous nous indiquer si la sénatrice dispose d'informations sur le calendrier et les critères retenus par la préfecture cette année ?

    Cordialement,

    Sandrine Michon
    Directrice générale des services – Ville de Voiron
    """), bstyle="outlook", hstyle="outlook"),
    case="fonds-vert-voiron", mid_style="exchange", extra=[SPAM_NO],
    note="town hall request (original, with headers)")

office_reply("b1_2", "b1_1", "2026-01-22 11:18", D("""
    Madame la Directrice générale,

    Selon les informations transmises aux parlementaires, l'enveloppe Fonds vert de l'Isère sera notifiée fin février ; la priorité ira aux projets de rénovation des bâtiments scolaires et sportifs déjà engagés. La sénatrice a demandé au préfet que le gymnase Pierre-de-Coubertin figure parmi les dossiers examinés.

    Bien cordialement,
    """), slug="re-fonds-vert-gymnase", who_="thomas")

autoreply("a25", parent="b1_2", slug="reponse-automatique-re-fonds-vert",
    date="2026-01-22 11:18:35", frm=("Sandrine Michon", "s.michon@ville-voiron.fr"),
    subject="Réponse automatique : RE : Fonds vert 2026 – rénovation énergétique du gymnase Pierre-de-Coubertin",
    text_=D("""
    Bonjour,

    Je suis absente le jeudi 22 janvier. Je traiterai votre message dès mon retour.

    Sandrine Michon
    """), html=True, bstyle="outlook", mid_style="exchange",
    headers=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"],
    note="one-day OOF to an office reply; In-Reply-To office reply")

msg("b1_3", slug="fonds-vert-gymnase-complement", date="2026-02-02 09:41",
    frm=("Sandrine Michon", "s.michon@ville-voiron.fr"), to=[OFFICE],
    subject="RE : Fonds vert 2026 – rénovation énergétique du gymnase Pierre-de-Coubertin",
    body=alt(D("""
    Bonjour Monsieur Reynaud,

    Merci pour ces éléments. Le dossier complet a été déposé sur la plateforme Aides-territoires vendredi. Je vous adresse le tableau de financement si la sénatrice souhaite l'avoir avec elle pour la réunion avec le préfet.

    Cordialement,
    Sandrine Michon

    """) + q_outlook_fr(KEYS["b1_2"]), bstyle="outlook", hstyle="outlook"),
    case="fonds-vert-voiron", mid_style="exchange",
    note="HEADERS LOST: no In-Reply-To/References (mobile Outlook); French Outlook block names the office reply and subject")

# B2 -- British resident, driving licence exchange; English Outlook block
msg("b2_1", slug="driving-licence-exchange-ants", date="2026-02-16 18:20",
    frm=("Hannah Whitfield", "hannah.whitfield@outlook.com"), to=[OFFICE],
    subject="Exchange of UK driving licence – stuck for 14 months",
    body=alt(D("""
    Dear Madam Senator,

    I apologise for writing in English, my French is not good enough for an administrative matter. I have lived in Villard-de-Lans since 2019 and run a small ski-hire business. I applied on the ANTS website to exchange my UK driving licence for a French one in December 2024 (file ECH-2024-12-038-55417). Since then, nothing. My UK licence is no longer valid for residents after one year, so I legally cannot drive to work.

    Could your office help me find out what is happening?

    Kind regards,
    Hannah Whitfield
    """), bstyle="outlook", hstyle="outlook"),
    case="permis-whitfield", mid_style="outlook",
    note="English-language citizen request (original)")

office_reply("b2_2", "b2_1", "2026-02-18 15:12", D("""
    Dear Ms Whitfield,

    We have contacted the ANTS team in charge of licence exchanges (CERT EPE in Nantes) on your behalf, quoting your file number. We will let you know as soon as we have an answer.

    Bien cordialement,
    """), slug="re-driving-licence-exchange", subject="RE: Exchange of UK driving licence – stuck for 14 months")

msg("b2_3", slug="driving-licence-received", date="2026-03-03 08:02",
    frm=("Hannah Whitfield", "hannah.whitfield@outlook.com"), to=[OFFICE],
    subject="RE: Exchange of UK driving licence – stuck for 14 months",
    body=alt("Dear Ms Vasseur,\n\nGood news: I received my French licence in the post this morning! Thank you so much for your help.\n\nBest wishes,\nHannah\n\n"
             + q_outlook_en(KEYS["b2_2"]), bstyle="outlook", hstyle="outlook"),
    case="permis-whitfield", mid_style="outlook",
    note="HEADERS LOST: no In-Reply-To/References; English Outlook block (From/Sent/To/Subject) names the office reply")

# B3 -- Saint-Marcellin: a colleague at the same town hall forwards (TR:) the DGS's message
msg("b3_1", slug="pont-cumane-fermeture", date="2026-03-31 11:08",
    frm=("Olivier Charrier", "o.charrier@saint-marcellin.fr"), to=[OFFICE],
    subject="Pont de la Cumane – fermeture et demande de soutien financier",
    body=alt(D("""
    Madame la Sénatrice,

    À la suite d'une inspection, le pont de la Cumane (route de Chatte) a été fermé à la circulation le 24 mars : affouillement d'une pile. Le détour imposé est de 9 km, notamment pour les bus scolaires et les services de secours.

    Le coût de la réparation est estimé entre 650 000 et 800 000 €, hors de portée de la commune. Nous sollicitons votre appui pour une aide exceptionnelle de l'État (DSIL ou programme national Ponts).

    Olivier Charrier
    Directeur général des services – Saint-Marcellin
    """), bstyle="outlook", hstyle="outlook"),
    case="pont-cumane-st-marcellin", mid_style="exchange",
    note="town hall request (original)")

msg("b3_2", slug="tr-pont-cumane-devis", date="2026-04-14 17:36",
    frm=("Brigitte Lacour", "b.lacour@saint-marcellin.fr"), to=[OFFICE],
    subject="TR: Pont de la Cumane – fermeture et demande de soutien financier",
    body=mixed(alt(D("""
    Madame, Monsieur,

    Adjointe aux travaux, je me permets de compléter le message de notre DGS ci-dessous : le devis définitif vient de nous parvenir (742 600 € HT, ci-joint). Les travaux pourraient commencer en juillet si le financement est acquis avant fin mai.

    Bien cordialement,
    Brigitte Lacour
    Adjointe aux travaux et à la voirie

    """) + q_outlook_fr(KEYS["b3_1"]), bstyle="outlook", hstyle="outlook"),
        [attachment("Devis_pont_Cumane_2026-04.pdf", "application/pdf", fake_pdf("Devis"))], "outlook"),
    case="pont-cumane-st-marcellin", mid_style="exchange",
    note="HEADERS LOST: TR: forward by a colleague at the same town hall (different sender, same domain), Outlook block quotes the earlier message; no In-Reply-To")

# B4 -- student housing; Gmail attribution, headers stripped
msg("b4_1", slug="logement-crous-refus", date="2026-06-22 23:40",
    frm=("Théo Marchetti", "theo.marchetti.pro@gmail.com"), to=[OFFICE],
    subject="Logement CROUS refusé – boursier échelon 6",
    body=alt(D("""
    Bonjour,

    Je suis étudiant boursier (échelon 6) et j'entre en master à Grenoble en septembre. Ma demande de logement CROUS vient d'être refusée « faute de place », alors que mes parents vivent à Gap et ne peuvent pas financer un loyer à 600 €.

    Existe-t-il un recours ? Merci d'avance.

    Théo Marchetti
    """), bstyle="gmail"),
    case="crous-marchetti", mid_style="gmail",
    note="student request (original)")

office_reply("b4_2", "b4_1", "2026-06-24 11:02", D("""
    Bonjour Monsieur Marchetti,

    Vous pouvez déposer un recours auprès du service logement du CROUS Grenoble Alpes en faisant valoir votre échelon de bourse et l'éloignement familial. La sénatrice a par ailleurs signalé votre situation à la direction du CROUS.

    Bien cordialement,
    """), slug="re-logement-crous-refus")

msg("b4_3", slug="re-logement-crous-chambre-obtenue", date="2026-07-01 10:27",
    frm=("Théo Marchetti", "theo.marchetti.pro@gmail.com"), to=[OFFICE],
    subject="Re: RE : Logement CROUS refusé – boursier échelon 6",
    body=alt(D("""
    Bonjour,

    J'ai obtenu une chambre à la résidence Ouest ! Merci beaucoup.

    Théo

    """) + q_gmail_fr(KEYS["b4_2"]), bstyle="gmail"),
    case="crous-marchetti", mid_style="gmail",
    note="HEADERS LOST: Gmail attribution 'Le mer. 24 juin 2026 à 11:02, Permanence ... <permanence@...> a écrit :' but no In-Reply-To/References")

# B5 -- subject-only continuation, no quote, no headers
msg("b5_1", slug="nuisances-sonores-rn85-rendez-vous", date="2026-04-20 19:18",
    frm=("Annie Lemoine", "annie.lemoine@free.fr"), to=[OFFICE],
    subject="Nuisances sonores RN85 – demande de rendez-vous",
    body=text(D("""
    Madame la Sénatrice,

    Je vous écris au nom du collectif des riverains de la RN85 à Vizille (quartier du Péage). Depuis la déviation des poids lourds liée aux travaux de Champ-sur-Drac, nous comptons plus de 2 000 camions par jour sous nos fenêtres, y compris la nuit.

    Nous souhaiterions vous rencontrer avec trois membres du collectif pour vous présenter nos mesures de bruit et nos propositions (limitation à 50 km/h, interdiction nocturne).

    Annie Lemoine
    Collectif des riverains RN85
    """), cte="8bit"),
    case="rn85-riverains", mid_style="generic",
    note="collective's request (original)")

msg("b5_2", slug="re-nuisances-rn85-relance", date="2026-05-11 18:55",
    frm=("Annie Lemoine", "annie.lemoine@free.fr"), to=[OFFICE],
    subject="RE: Nuisances sonores RN85 – demande de rendez-vous",
    body=text(D("""
    Bonjour,

    Je me permets de vous relancer. Les riverains ont mesuré 78 dB à 3 heures du matin la semaine dernière. Nous sommes disponibles tous les soirs après 18h et le samedi matin.

    Cordialement,
    Annie Lemoine
    """), cte="8bit"),
    case="rn85-riverains", mid_style="generic",
    note="HEADERS LOST: subject-only continuation (RE: + same subject, same sender, 21 days later), no quote, no In-Reply-To")

# B6 -- citizen re-sends her own unanswered message with Fwd:
msg("b6_1", slug="logement-insalubre-proprietaire", date="2026-08-03 21:14",
    frm=("Gilles Moreau", "gilles.moreau.bj@gmail.com"), to=[OFFICE],
    subject="Logement insalubre – 12 rue de la République, Bourgoin-Jallieu",
    body=alt(D("""
    Madame la Sénatrice,

    Je loue un appartement au 12 rue de la République à Bourgoin-Jallieu. Depuis l'hiver, des moisissures couvrent les murs de la chambre, la VMC ne fonctionne plus et le propriétaire ne répond plus. Le service d'hygiène de la mairie est passé en juin et a constaté les désordres, mais rien ne bouge.

    Que puis-je faire ? J'ai un enfant de 2 ans.

    Gilles Moreau
    06 77 14 52 09
    """), bstyle="gmail"),
    case="insalubrite-moreau", mid_style="gmail",
    note="citizen request (original)")

msg("b6_2", slug="fwd-logement-insalubre-relance", date="2026-08-24 08:31",
    frm=("Gilles Moreau", "gilles.moreau.bj@gmail.com"), to=[OFFICE],
    subject="Fwd: Logement insalubre – 12 rue de la République, Bourgoin-Jallieu",
    body=alt("Bonjour,\n\nJe vous renvoie mon message du 3 août resté sans réponse. La situation s'est aggravée : le plafond de la salle de bain s'est effondré samedi.\n\nGilles Moreau\n\n"
             + fwd_gmail_fr(KEYS["b6_1"]), bstyle="gmail"),
    case="insalubrite-moreau", mid_style="gmail",
    note="HEADERS LOST: sender forwards (Fwd:) his own unanswered message with a Gmail forwarded block; no In-Reply-To")

# B7 -- association president answers from his personal address
msg("b7_1", slug="restauration-chapelle-cremieu", date="2026-10-01 10:05",
    frm=("Les Amis du Vieux Crémieu", "contact@amis-vieux-cremieu.fr"), to=[OFFICE],
    subject="Restauration de la chapelle Saint-Hippolyte – recherche de financements",
    body=text(D("""
    Madame la Sénatrice,

    Notre association, qui compte 160 adhérents, porte depuis 2023 le projet de restauration de la chapelle Saint-Hippolyte (XIIe siècle) avec la commune de Crémieu. La toiture menace de s'effondrer. Le budget est de 410 000 €, dont 120 000 € restent à trouver.

    Pourriez-vous nous indiquer les dispositifs que nous pourrions solliciter (Fondation du patrimoine, Loto du patrimoine, DRAC) et, le cas échéant, appuyer notre candidature ?

    Pour l'association,
    Bernard Jacquier, président
    """), cte="quoted-printable"),
    case="chapelle-cremieu", mid_style="generic",
    note="HARD personal: association's contact@ address, written by its president")

office_reply("b7_2", "b7_1", "2026-10-02 15:44", D("""
    Monsieur le Président,

    Trois pistes : la souscription publique de la Fondation du patrimoine, la candidature à la Mission patrimoine (date limite en février) et la DRAC au titre des monuments non protégés. La sénatrice soutiendra volontiers votre candidature à la Mission patrimoine par un courrier.

    Bien cordialement,
    """), slug="re-restauration-chapelle-cremieu")

msg("b7_3", slug="chapelle-cremieu-merci-dossier", date="2026-10-09 22:16",
    frm=("Bernard Jacquier", "bernard.jacquier@free.fr"), to=[OFFICE],
    subject="RE : Restauration de la chapelle Saint-Hippolyte – recherche de financements",
    body=alt(D("""
    Madame,

    Je vous réponds de mon adresse personnelle, la messagerie de l'association étant tenue par notre secrétaire. Merci pour ces pistes ! Nous déposons la candidature Mission patrimoine en janvier et vous enverrons le dossier pour le courrier de soutien.

    Bernard Jacquier

    """) + q_outlook_fr(KEYS["b7_2"]), bstyle="outlook", hstyle="outlook"),
    case="chapelle-cremieu", mid_style="outlook",
    note="HEADERS LOST + different address: president answers from his personal address; Outlook block names the office reply to contact@ and the subject; no In-Reply-To")

# B8 -- contact form with a typo in the e-mail: the office reply bounces,
#       the citizen submits the form again with the right address
contact_form("b8_1", slug="formulaire-facture-eau", date="2026-05-26 20:45",
    name="Jean Dupond", email="jean.dupond@gmial.com", phone="06 11 83 20 74",
    commune="Échirolles", objet="Facture d'eau de 2 300 euros",
    message=D("""
    Bonjour,

    Suite à une fuite après compteur que je n'ai pas vue (elle était sous la dalle du garage), la régie des eaux me réclame 2 300 euros pour le semestre. La loi Warsmann prévoit un plafonnement mais la régie refuse car il s'agit d'un garage et non d'un local d'habitation.

    Est-ce normal ? Je suis retraité.

    Jean Dupond
    """), case="facture-eau-dupond",
    note="contact form relay; the citizen mistyped his address in Reply-To (gmial.com)")

office_reply("b8_2", "b8_1", "2026-05-27 10:12", D("""
    Monsieur,

    Le plafonnement prévu par la loi s'applique aux fuites sur les canalisations d'eau potable après compteur, à l'exclusion de celles dues à des appareils ménagers, sanitaires ou de chauffage, pour les locaux d'habitation. Un garage attenant à la maison peut être considéré comme une dépendance. Nous interrogeons la régie des eaux de Grenoble-Alpes Métropole sur votre dossier.

    Bien cordialement,
    """), slug="re-formulaire-facture-eau", subject="Votre message : facture d'eau",
    note="office reply sent to the mistyped address (it bounces)")

dsn("b08", "b8_2", slug="undelivered-host-not-found", date="2026-05-27 10:12:09",
    note="Postfix DSN 'Host or domain name not found' for the office reply to a mistyped address; bounce_of={file:b8_2}",
    human=POSTFIX_HUMAN + "<jean.dupond@gmial.com>: Host or domain name not found. Name service error\n"
    "    for name=gmial.com type=MX: Host not found, try again\n",
    recipient="jean.dupond@gmial.com", status="5.4.4",
    diag="X-Postfix; Host or domain name not found. Name service error for name=gmial.com type=MX: Host not found")

contact_form("b8_3", slug="formulaire-facture-eau-relance", date="2026-06-15 17:02",
    name="Jean Dupond", email="jean.dupond@gmail.com", phone="06 11 83 20 74",
    commune="Échirolles", objet="Facture d'eau de 2 300 euros",
    message=D("""
    Bonjour,

    Je vous ai écrit le 26 mai au sujet de ma facture d'eau de 2 300 euros (fuite sous le garage) et je n'ai pas eu de réponse. Je crois que je m'étais trompé dans mon adresse mail, voici la bonne.

    La régie vient de m'envoyer une mise en demeure.

    Jean Dupond
    """), case="facture-eau-dupond",
    note="VERY HARD: same citizen re-submits the form with a corrected Reply-To address (gmail vs gmial), same form subject, 20 days later; truth = same case, no header link")


# ==========================================================================
# 6. Same subject, different senders, unrelated requests (separate cases)
# ==========================================================================

msg("s1_a", slug="demande-de-rendez-vous-chasseurs", date="2026-03-09 09:12",
    frm=("Laurent Vidal", "laurent.vidal@acca-gresse.fr"), to=[OFFICE],
    subject="Demande de rendez-vous",
    body=text(D("""
    Madame la Sénatrice,

    Au nom de l'ACCA de Gresse-en-Vercors, je sollicite un rendez-vous pour évoquer la cohabitation entre chasseurs, randonneurs et vététistes sur le plateau, et le projet de réserve biologique qui réduirait notre territoire de chasse d'un tiers.

    Laurent Vidal
    Président de l'ACCA
    """)),
    case="rdv-acca-gresse", mid_style="generic",
    note="same subject as two unrelated mails from other senders")

msg("s1_b", slug="demande-de-rendez-vous-mdph", date="2026-03-17 13:48",
    frm=("Fatima Haddad", "fatima.haddad@yahoo.fr"), to=[OFFICE],
    subject="Demande de rendez-vous",
    body=alt(D("""
    Bonjour,

    Je voudrais un rendez-vous à la permanence pour le dossier MDPH de mon fils (allocation d'éducation de l'enfant handicapé supprimée sans explication depuis janvier). Je préfère expliquer de vive voix, c'est compliqué.

    Je suis disponible le mercredi.

    Fatima Haddad
    Échirolles
    """)),
    case="rdv-mdph-haddad", mid_style="generic", mid_domain="yahoo.fr",
    note="same subject 'Demande de rendez-vous', unrelated sender and topic")

msg("s1_c", slug="demande-de-rendez-vous-cgt-papeterie", date="2026-04-02 07:58",
    frm=("Paul Gauthier", "cgt.papeteries.rives@gmail.com"), to=[OFFICE],
    subject="Demande de rendez-vous",
    body=text(D("""
    Madame la Sénatrice,

    La direction des Papeteries de Rives a annoncé hier un plan de 62 suppressions de postes sur 180. L'intersyndicale souhaite vous rencontrer rapidement, avant le CSE extraordinaire du 16 avril.

    Pour l'intersyndicale,
    Paul Gauthier, délégué syndical CGT
    06 40 28 71 13
    """)),
    case="rdv-papeteries-rives", mid_style="gmail",
    note="same subject 'Demande de rendez-vous' from a union on a gmail address; unrelated")

msg("s2_a", slug="demande-d-aide-chauffage", date="2026-01-27 10:31",
    frm=("Odette Blanc", "odette.blanc38@orange.fr"), to=[OFFICE],
    subject="demande d'aide",
    body=text(D("""
    madame la senatrice

    JE SUIS VEUVE DEPUIS 2 ANS ET J'AI 81 ANS. MA FACTURE DE FIOUL EST DE 1900 EUROS POUR L'HIVER ET MA RETRAITE EST DE 1100 EUROS. LE CHEQUE ENERGIE NE SUFFIT PAS.
    ma petite fille m'a dit de vous ecrire. est ce qu'il existe une aide ?

    merci
    odette blanc
    la cote saint andre
    """), cs="windows-1252", cte="8bit"),
    hcs="windows-1252", case="aide-chauffage-blanc", no_mid=True,
    extra=["X-Mailer: Microsoft Outlook Express 6.00.2900.5512"],
    note="elderly writer (capitals, no accents), old client: no Message-ID, windows-1252 8bit; same subject as an unrelated mail")

msg("s2_b", slug="demande-d-aide-secours-populaire", date="2026-02-24 16:20",
    frm=("Secours populaire – Saint-Égrève", "saint-egreve@secourspop38.org"), to=[OFFICE],
    subject="Demande d'aide",
    body=text(D("""
    Madame la Sénatrice,

    Bénévole au comité du Secours populaire de Saint-Égrève, je me permets de vous solliciter : notre camion frigorifique, indispensable aux distributions alimentaires (220 familles), est hors d'usage. Un véhicule d'occasion coûte 28 000 €. Auriez-vous connaissance de fondations ou de dispositifs susceptibles de nous aider ?

    Merci de votre attention,
    Michèle Garnier, bénévole
    """)),
    case="camion-secours-populaire", mid_style="generic",
    note="HARD personal: charity address, same subject as an unrelated mail")

msg("s3_a", slug="invitation-college-senat-junior", date="2026-04-23 12:05",
    frm=("Principal – Collège Jules-Vallès", "ce.0380029x@ac-grenoble.fr"), to=[OFFICE],
    subject="Invitation",
    body=alt(D("""
    Madame la Sénatrice,

    Les élèves de 4e du collège Jules-Vallès de Fontaine ont préparé toute l'année une simulation de séance du Sénat sur le thème de l'eau. La séance aura lieu le mardi 9 juin à 14h au collège.

    Les élèves seraient très fiers de vous accueillir et de vous présenter leurs propositions de loi.

    Avec mes respectueuses salutations,
    Hervé Lambert
    Principal
    """), bstyle="default"),
    case="college-valles-invitation", mid_style="generic",
    note="HARD personal: bare subject 'Invitation' (looks like bulk) from a school's functional address")

msg("s3_b", slug="invitation-anciens-combattants-8-mai", date="2026-04-27 17:40",
    frm=("André Mollier", "andre.mollier@sfr.fr"), to=[OFFICE],
    subject="Invitation",
    body=text(D("""
    Madame la Sénatrice,

    L'amicale des anciens combattants de Moirans serait honorée de votre présence à la cérémonie du 8 mai, à 11h au monument aux morts, suivie du vin d'honneur à la salle Jean-Moulin. Nous remettrons à cette occasion la médaille de porte-drapeau à M. Roger Faure pour 40 ans de service.

    André Mollier
    Président de l'amicale
    """), cs="iso-8859-1", cte="quoted-printable"),
    hcs="iso-8859-1", case="ceremonie-8-mai-moirans", mid_style="generic", mid_domain="sfr.fr",
    note="same bare subject 'Invitation', unrelated sender")

msg("s4_a", slug="logement-hlm-mutation", date="2026-07-07 08:44",
    frm=("Mickaël Durand", "mickael.durand@laposte.net"), to=[OFFICE],
    subject="Logement",
    body=text(D("""
    Bonjour,

    Je suis locataire d'un logement HLM à Villefontaine au 4e étage sans ascenseur. Depuis mon accident de travail je me déplace en fauteuil. J'ai demandé une mutation vers un rez-de-chaussée il y a un an, sans réponse du bailleur.

    Pouvez-vous faire quelque chose ?

    Mickaël Durand
    """)),
    case="mutation-hlm-durand", mid_style="generic", mid_domain="laposte.net",
    note="bare subject 'Logement'; unrelated to the next one")

msg("s4_b", slug="logement-proprietaire-loyers-impayes", date="2026-07-23 14:10",
    frm=("Sylvie Perrier", "sylvie.perrier@wanadoo.fr"), to=[OFFICE],
    subject="Logement",
    body=text(D("""
    Madame la Sénatrice,

    Propriétaire d'un petit appartement à Vienne, que je loue pour compléter ma retraite, je n'ai plus perçu de loyer depuis 14 mois. Le jugement d'expulsion a été rendu en janvier mais le concours de la force publique n'est toujours pas accordé par la préfecture.

    Je dois continuer à payer le crédit et la taxe foncière. Je suis désespérée.

    Sylvie Perrier
    """), cs="utf-8", cte="quoted-printable"),
    case="loyers-impayes-perrier", mid_style="orange",
    note="same bare subject 'Logement' 16 days later, different sender, opposite situation")

msg("s5_a", slug="suite-a-notre-echange-ehpad", date="2026-10-12 11:30",
    frm=("Éric Balmain", "direction@ehpad-les-tilleuls.fr"), to=[OFFICE],
    subject="Suite à notre échange",
    body=alt(D("""
    Madame Vasseur,

    Suite à notre échange téléphonique de ce matin, je vous confirme les chiffres : 14 postes d'aide-soignant vacants sur 52, 3 lits fermés depuis septembre, un recours à l'intérim qui représente 11 % de la masse salariale.

    Je reste à votre disposition pour la visite de la sénatrice.

    Éric Balmain
    Directeur – EHPAD Les Tilleuls, Saint-Jean-de-Bournay
    """), bstyle="outlook", hstyle="outlook"),
    case="ehpad-tilleuls", mid_style="exchange",
    note="subject suggests a continuation but nothing earlier in the set (phone call): a new case; generic direction@ address")

msg("s5_b", slug="suite-a-notre-echange-permanence", date="2026-10-20 18:03",
    frm=("Chantal Rey", "chantal.rey@gmail.com"), to=[OFFICE],
    subject="Suite à notre échange",
    body=alt(D("""
    Bonjour,

    Suite à notre échange lors de la permanence de samedi à Tullins, voici les références du dossier de pension de réversion de ma mère : CNAV n° 2 41 07 38 556 012, demande déposée le 12 mars.

    Merci encore pour votre écoute.

    Chantal Rey
    """), bstyle="gmail"),
    case="reversion-rey", mid_style="gmail",
    note="same subject 'Suite à notre échange' as an unrelated mail 8 days earlier; no earlier message in the set")

# Same sender, same subject, more than 60 days apart, new matter -> new case
msg("r1_a", slug="demande-d-intervention-permis-voisin", date="2026-03-10 10:05",
    frm=("Robert Chaix", "robert.chaix@orange.fr"), to=[OFFICE],
    subject="Demande d'intervention",
    body=text(D("""
    Madame la Sénatrice,

    Mon voisin construit un hangar agricole de 12 mètres de haut à 4 mètres de ma maison, à Heyrieux. Le permis a été accordé par la mairie malgré le PLU. Le maire refuse de me recevoir. Pouvez-vous intervenir ?

    Robert Chaix
    """), cs="iso-8859-1", cte="quoted-printable"),
    case="chaix-permis-hangar", mid_style="orange",
    note="first of two same-sender same-subject mails 202 days apart")

msg("r1_b", slug="demande-d-intervention-cheque-energie", date="2026-09-28 09:47",
    frm=("Robert Chaix", "robert.chaix@orange.fr"), to=[OFFICE],
    subject="Demande d'intervention",
    body=text(D("""
    Madame la Sénatrice,

    Je n'ai pas reçu le chèque énergie cette année alors que mes revenus n'ont pas changé. Le numéro vert ne répond jamais. Pouvez-vous intervenir ?

    Robert Chaix
    Heyrieux
    """), cs="iso-8859-1", cte="quoted-printable"),
    case="chaix-cheque-energie", mid_style="orange",
    note="same sender, same subject, 202 days later, new matter: a NEW case")


# ==========================================================================
# 7. Form letter from citizens (one case) + two personal mails on the same topic
# ==========================================================================

FORM_LETTER = D("""
    Madame la Sénatrice,

    Le Sénat examinera prochainement la proposition de loi relative au droit à l'aide à mourir, adoptée en première lecture par l'Assemblée nationale.

    En tant qu'{elector} de l'Isère, je vous demande de soutenir ce texte et de voter en faveur d'une aide à mourir strictement encadrée, réservée aux personnes majeures atteintes d'une affection grave et incurable, en phase avancée ou terminale, qui en font la demande de manière libre et éclairée.
    {extra}
    Une large majorité de nos concitoyens y est favorable. Il est temps que la loi permette à chacun de choisir les conditions de sa fin de vie, en complément du développement indispensable des soins palliatifs.

    Je compte sur vous.

    Veuillez agréer, Madame la Sénatrice, l'expression de ma haute considération.

    {name}
    {town}
    """)


def form_letter(key, date, name, addr, town, *, slug, elector="électrice",
                extra="", subject="Proposition de loi sur l'aide à mourir : je compte sur vous",
                cs="utf-8", cte="quoted-printable", html=False, mid_style="generic", note=""):
    t = FORM_LETTER.format(elector=elector, extra=("\n" + extra.strip() + "\n") if extra else "",
                           name=name, town=town)
    body = alt(t, cs, cte, bstyle="default") if html else text(t, cs=cs, cte=cte)
    return msg(key, slug=slug, date=date, frm=(name, addr), to=[OFFICE],
               subject=subject, body=body, hcs=cs if cs != "utf-8" else "utf-8",
               case="campagne-aide-a-mourir", mid_style=mid_style,
               note=note or "form letter (same text from >=3 different citizens within 30 days): one case")

form_letter("f1", "2026-01-19 09:02", "Christine Lefebvre", "christine.lefebvre@orange.fr",
            "Meylan", slug="ppl-aide-a-mourir-lefebvre", mid_style="orange")
form_letter("f2", "2026-01-19 21:47", "Jacques Morel", "jacques.morel38@free.fr",
            "Seyssinet-Pariset", slug="ppl-aide-a-mourir-morel", elector="électeur")
form_letter("f3", "2026-01-21 07:33", "Véronique Arnaud", "vero.arnaud@gmail.com",
            "Voreppe", slug="ppl-aide-a-mourir-arnaud", html=True, mid_style="gmail",
            extra="J'ai accompagné ma mère jusqu'à la fin, en 2023, et je ne souhaite à personne de vivre ce que nous avons vécu.",
            note="form letter with one personal sentence added, multipart/alternative")
form_letter("f4", "2026-01-23 14:15", "Patrick Fournier", "p.fournier@wanadoo.fr",
            "Vienne", slug="aide-a-mourir-fournier", elector="électeur",
            subject="Aide à mourir", cs="iso-8859-1", cte="8bit", mid_style="orange",
            note="form letter with a different (shorter) subject, ISO-8859-1 8bit")
form_letter("f5", "2026-01-26 18:50", "Nathalie Girard", "nathalie.girard@laposte.net",
            "Crolles", slug="ppl-aide-a-mourir-girard")
contact_form("f6", slug="formulaire-ppl-aide-a-mourir", date="2026-01-28 12:04",
    name="Sébastien Roux", email="seb.roux@outlook.fr", phone="",
    commune="Grenoble", objet="Proposition de loi sur l'aide à mourir : je compte sur vous",
    message=FORM_LETTER.format(elector="électeur", extra="", name="Sébastien Roux", town="Grenoble"),
    case="campagne-aide-a-mourir",
    note="the same form letter arriving through the website contact form (noreply@ + Reply-To)")

msg("fl_x1", slug="fin-de-vie-temoignage", date="2026-01-22 22:38",
    frm=("Marie-Claude Besson", "mc.besson@orange.fr"), to=[OFFICE],
    subject="Fin de vie – témoignage",
    body=text(D("""
    Madame la Sénatrice,

    Mon mari Gérard est mort l'an dernier d'une maladie de Charcot. Les six derniers mois, il ne pouvait plus parler ni avaler ; il m'avait fait promettre de tout faire pour qu'il ne finisse pas ainsi, et je n'ai pas pu tenir cette promesse. Le service de soins palliatifs de Voiron a été admirable, mais il n'y avait pas de lit avant les trois dernières semaines.

    Je ne vous envoie pas un texte tout fait. Je voulais simplement que vous sachiez, au moment de voter, ce que vivent les familles.

    Marie-Claude Besson
    Coublevie
    """), cte="quoted-printable"),
    case="fin-de-vie-besson", mid_style="orange",
    note="same topic as the form letter but genuinely own words: a separate case")

msg("fl_x2", slug="aide-a-mourir-benevole-soins-palliatifs", date="2026-01-27 08:15",
    frm=("Denis Favre", "denis.favre@free.fr"), to=[OFFICE],
    subject="Le texte sur l'aide à mourir vu d'une unité de soins palliatifs",
    body=text(D("""
    Madame la Sénatrice,

    Bénévole d'accompagnement depuis douze ans dans l'unité de soins palliatifs du CHU, je m'inquiète du texte que vous allez examiner. Ce que demandent la plupart des patients que je rencontre, c'est de ne pas souffrir et de ne pas être seuls, et les moyens manquent : l'Isère n'a que deux unités.

    Je vous demande de faire de l'accès réel aux soins palliatifs la priorité, avant toute autre évolution de la loi.

    Denis Favre
    Saint-Égrève
    """), cte="8bit"),
    case="fin-de-vie-favre", mid_style="generic",
    note="same topic (opposite view), own words: a separate case")


# ==========================================================================
# 8. Campaign: the same council motion from 14 town halls (one case)
# ==========================================================================

MOTION_CORE = D("""
    MOTION POUR LE MAINTIEN ET LA MODERNISATION DE LA LIGNE FERROVIAIRE GRENOBLE – VEYNES – GAP

    Le conseil municipal,

    Considérant que la ligne Grenoble – Veynes – Gap constitue l'unique desserte ferroviaire du Trièves et un lien essentiel entre les Alpes du Nord et les Alpes du Sud ;

    Considérant que l'état de l'infrastructure entre Vif et Lus-la-Croix-Haute impose des ralentissements qui allongent les temps de parcours et découragent les usagers ;

    Considérant que l'annonce d'une suspension des circulations pendant dix-huit mois pour travaux, sans engagement ferme sur la réouverture, fait craindre une fermeture définitive ;
    {local}
    Considérant que de nombreux habitants, lycéens et salariés dépendent de cette ligne pour rejoindre le bassin grenoblois, et que la RD 1075 est saturée et dangereuse en période hivernale ;

    DEMANDE à l'État, à SNCF Réseau et à la Région Auvergne-Rhône-Alpes de s'engager par écrit sur le financement complet de la régénération de la ligne et sur une date de réouverture ;

    DEMANDE le maintien d'un service de substitution par autocar cadencé pendant toute la durée des travaux ;

    SOLLICITE le soutien des parlementaires de l'Isère et des Hautes-Alpes pour porter cette demande auprès du Gouvernement.

    {vote}
    """)

COUNCILS = [
    # key, date, commune, sender name, address, séance, vote, local, style
    ("m01", "2026-04-02 10:14", "Vif", "Accueil mairie de Vif", "accueil@ville-vif.fr",
     "26 mars 2026", "Adoptée à l'unanimité (27 voix).", "", "pdf"),
    ("m02", "2026-04-02 15:40", "Monestier-de-Clermont", "Mairie de Monestier-de-Clermont",
     "secretariat@mairie-monestier-de-clermont.fr", "27 mars 2026",
     "Adoptée par 14 voix pour et 1 abstention.",
     "Considérant que la gare de Monestier-de-Clermont accueille chaque jour plus de 150 voyageurs ;",
     "inline"),
    ("m03", "2026-04-03 09:05", "Clelles", "Mairie de Clelles", "mairie@mairie-clelles.fr",
     "30 mars 2026", "Adoptée à l'unanimité.", "", "pdf-nobody"),
    ("m04", "2026-04-06 11:22", "Saint-Martin-de-la-Cluze", "Mairie St Martin de la Cluze",
     "mairie.stmartindelacluze@wanadoo.fr", "31 mars 2026", "Adoptée à l'unanimité.", "", "iso"),
    ("m05", "2026-04-07 16:48", "Sinard", "Yannick Roussel", "maire@sinard.fr",
     "2 avril 2026", "Adoptée à l'unanimité des membres présents.", "", "inline-personal"),
    ("m06", "2026-04-08 08:31", "Avignonet", "Commune d'Avignonet", "mairie@avignonet38.fr",
     "3 avril 2026", "Adoptée à l'unanimité.", "", "html"),
    ("m07", "2026-04-09 14:02", "Le Percy", "Secrétariat Le Percy", "mairie.lepercy@orange.fr",
     "3 avril 2026", "Adoptée à l'unanimité (9 voix).",
     "Considérant que la halte du Percy a été fermée en 2019 et que sa réouverture était prévue dans le contrat de plan État-Région ;",
     "pdf"),
    ("m08", "2026-04-10 10:40", "Chichilianne", "Mairie de Chichilianne", "mairie.chichilianne@orange.fr",
     "7 avril 2026", "Adoptée à l'unanimité.", "", "inline"),
    ("m09", "2026-04-13 09:15", "Saint-Michel-les-Portes", "Mairie", "mairie@saint-michel-les-portes.fr",
     "8 avril 2026", "Adoptée par 8 voix pour, 1 contre.", "", "pdf"),
    ("m10", "2026-04-14 17:55", "Roissard", "Mairie de Roissard", "mairie.roissard@gmail.com",
     "9 avril 2026", "Adoptée à l'unanimité.", "", "gmail"),
    ("m11", "2026-04-16 12:12", "Gresse-en-Vercors", "Mairie de Gresse-en-Vercors",
     "accueil@gresse-en-vercors.fr", "10 avril 2026", "Adoptée à l'unanimité.",
     "Considérant que la station de Gresse-en-Vercors accueille chaque hiver des saisonniers qui ne disposent pas de véhicule ;",
     "inline"),
    ("m12", "2026-04-20 08:48", "Saint-Paul-lès-Monestier", "Mairie Saint-Paul-lès-Monestier",
     "mairie@st-paul-les-monestier.fr", "14 avril 2026", "Adoptée à l'unanimité.", "", "b64"),
    ("m13", "2026-04-22 19:30", "Château-Bernard", "Commune de Château-Bernard",
     "secretariat.chateau-bernard@orange.fr", "16 avril 2026", "Adoptée à l'unanimité.", "", "pdf"),
    ("m14", "2026-04-24 11:06", "Treffort", "Mairie de Treffort", "mairie@treffort38.fr",
     "17 avril 2026", "Adoptée à l'unanimité.", "", "inline"),
]

MOTION_SUBJECTS = {
    "m01": "Transmission délibération – motion ligne Grenoble-Veynes",
    "m02": "Motion du conseil municipal – ligne des Alpes",
    "m03": "Délibération n°2026-014 motion ferroviaire",
    "m04": "motion ligne Grenoble Gap",
    "m05": "Motion ligne Grenoble – Veynes – Gap",
    "m06": "Motion de soutien à la ligne Grenoble-Veynes-Gap",
    "m07": "Envoi motion conseil municipal du 3 avril",
    "m08": "Motion ligne ferroviaire",
    "m09": "Délibération motion Grenoble-Gap",
    "m10": "Motion ligne des Alpes – conseil municipal de Roissard",
    "m11": "Motion pour le maintien de la ligne Grenoble – Veynes – Gap",
    "m12": "TR: motion ligne Grenoble-Veynes",
    "m13": "Motion – ligne Grenoble / Veynes / Gap",
    "m14": "Motion adoptée par le conseil municipal",
}

CAMPAIGN = "motion-ligne-grenoble-gap"
_motion_intro = [
    "Madame la Sénatrice,\n\nVeuillez trouver ci-dessous la motion adoptée par le conseil municipal de {c} lors de sa séance du {s}.\n\nNous vous remercions de l'attention que vous voudrez bien lui porter.\n\nLe secrétariat de mairie\n",
    "Madame la Sénatrice,\n\nJe vous prie de trouver ci-joint la délibération du conseil municipal de {c} du {s} portant motion pour le maintien de la ligne Grenoble – Veynes – Gap.\n\nCordialement,\nLa mairie de {c}\n",
]

for (k, d, commune, sname, saddr, seance, vote, local, style) in COUNCILS:
    mtext = MOTION_CORE.format(local=("\n" + local + "\n") if local else "", vote=vote)
    mtext = f"Commune de {commune} – séance du conseil municipal du {seance}\n\n" + mtext
    subj = MOTION_SUBJECTS[k]
    note = "council motion campaign: near-identical text from 14 town halls within 23 days -> one case"
    cs, cte, hcs = "utf-8", "quoted-printable", "utf-8"
    if style == "pdf":
        body = mixed(text(_motion_intro[1].format(c=commune, s=seance)),
                     [attachment(f"Motion_ligne_Grenoble_Gap_{commune.replace(' ', '_')}.pdf",
                                 "application/pdf", fake_pdf("Motion " + commune))])
        note += "; text only in the PDF, the mail body is a short cover note"
    elif style == "pdf-nobody":
        body = mixed(text("\n", cte="7bit"),
                     [attachment("Délibération 2026-014.pdf", "application/pdf", fake_pdf("Deliberation"))])
        note += "; empty body, PDF only"
    elif style == "iso":
        cs, cte, hcs = "iso-8859-1", "8bit", "iso-8859-1"
        body = text(_motion_intro[0].format(c=commune, s=seance) + "\n" + mtext.replace("–", "-"), cs=cs, cte=cte)
        note += "; ISO-8859-1 8bit"
    elif style == "inline-personal":
        body = text(D(f"""
            Madame la Sénatrice, chère Hélène,

            Comme convenu lors de notre échange au congrès des maires ruraux, je te transmets la motion votée par notre conseil. Nous comptons sur toi !

            Amitiés,
            Yannick Roussel
            Maire de Sinard

            """) + mtext)
        note += "; personal cover note from the mayor, motion pasted"
    elif style == "html":
        html = ("<html><body><p>Madame la Sénatrice,</p><p>Le conseil municipal d'Avignonet a adopté la motion suivante :</p>"
                + "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in mtext.split("\n\n"))
                + "<p>Le Maire,<br>Alain Brun</p></body></html>\n")
        body = html_only(html)
        note += "; HTML-only"
    elif style == "gmail":
        body = alt(_motion_intro[0].format(c=commune, s=seance) + "\n" + mtext, bstyle="gmail")
    elif style == "b64":
        body = mixed(text("Bonjour,\n\nPour information, la motion adoptée par notre conseil municipal.\n\nLa secrétaire de mairie\n\n"
                          "-----Message d'origine-----\nDe : Mairie de Sinard\nObjet : Motion ligne Grenoble – Veynes – Gap\n\n" + mtext,
                          cte="base64"),
                     [attachment("motion.pdf", "application/pdf", fake_pdf("Motion"))])
        note += "; base64 body; 'TR:' of the text received from another commune"
    else:
        body = text(_motion_intro[0].format(c=commune, s=seance) + "\n" + mtext, cs=cs, cte=cte)
    msg(k, slug=f"motion-ligne-grenoble-gap-{re.sub(r'[^a-z]+', '-', commune.lower().replace('è', 'e').replace('é', 'e').replace('â', 'a'))}".rstrip("-"),
        date=d, frm=(sname, saddr), to=[OFFICE], subject=subj, body=body, hcs=hcs,
        case=CAMPAIGN, mid_style="orange" if "orange" in saddr or "wanadoo" in saddr else
        ("gmail" if "gmail" in saddr else "generic"), note=note)

# the town hall of Clelles re-sends because the first had no text
msg("m03b", slug="motion-clelles-renvoi-texte", date="2026-04-03 09:26",
    frm=("Mairie de Clelles", "mairie@mairie-clelles.fr"), to=[OFFICE],
    subject="Délibération n°2026-014 motion ferroviaire (texte)",
    body=text("Bonjour,\n\nDésolée, le message précédent est parti sans texte. Voici la motion.\n\nSophie Blanc-Gras\nSecrétaire de mairie\n\n"
              + MOTION_CORE.format(local="", vote="Adoptée à l'unanimité.")),
    case=CAMPAIGN, mid_style="tb",
    note="same town hall re-sends with the text 21 minutes later (no In-Reply-To)")

office_reply("m_o1", "m08", "2026-04-10 16:20", D("""
    Madame, Monsieur le Maire,

    La sénatrice vous remercie de la transmission de cette motion. Elle a interrogé le ministre chargé des transports par une question écrite et a demandé, avec les parlementaires des Hautes-Alpes, à être reçue par le président de SNCF Réseau. Nous vous tiendrons informés.

    Bien cordialement,
    """), slug="re-motion-ligne-ferroviaire-chichilianne", who_="thomas",
    note="office answer to one council of the campaign: stays in the campaign case")


# ==========================================================================
# 9. Hard personal messages that look automatic
# ==========================================================================

msg("h01", slug="caf-que-des-reponses-automatiques", date="2026-02-09 11:47",
    frm=("Nadia Benali", "nadia.benali@hotmail.fr"), to=[OFFICE],
    subject="Réponse automatique de la CAF – aucune solution depuis 3 mois",
    body=alt(D("""
    Bonjour,

    Depuis novembre, mon allocation de soutien familial est suspendue. À chaque message que j'envoie à la CAF de l'Isère, je reçois une réponse automatique : « votre demande sera traitée dans les meilleurs délais ». Rien d'autre. Au téléphone, 45 minutes d'attente puis ça coupe.

    Je suis seule avec 3 enfants. Pouvez-vous m'aider à obtenir une vraie réponse ?

    Nadia Benali
    Grenoble, quartier Mistral
    Allocataire n° 1284530
    """), bstyle="outlook"),
    case="caf-benali", mid_style="outlook",
    note="HARD personal: 'Réponse automatique' in the subject, written by a person")

msg("h02", slug="absence-dossier-invalidite", date="2026-07-28 16:20",
    frm=("Jacques Roux", "jacques.roux@sfr.fr"), to=[OFFICE],
    subject="Absent du 3 au 17 août – dossier pension d'invalidité",
    body=text(D("""
    Madame, Monsieur,

    Je vous écris au sujet de ma pension d'invalidité : la CPAM l'a suspendue en juin après un contrôle médical, alors que mon état ne s'est pas amélioré (je joins le courrier du médecin-conseil si besoin).

    Je serai absent du 3 au 17 août (hospitalisation à Voiron). Pendant cette période, vous pouvez joindre ma fille, Émilie Roux, au 06 62 08 41 30, qui a une procuration.

    Merci de votre aide.

    Jacques Roux
    Rives
    """), cte="quoted-printable"),
    case="invalidite-roux", mid_style="generic", mid_domain="sfr.fr",
    note="HARD personal: announces an absence with dates and a contact (like an OOF) but is a new request")

msg("h03", slug="communication-bulletin-municipal-edito", date="2026-09-10 10:05",
    frm=("Service communication – Ville de Sassenage", "communication@sassenage.fr"), to=[OFFICE],
    subject="Bulletin municipal de décembre – proposition de tribune",
    body=alt(D("""
    Bonjour,

    Je suis chargée de communication à la mairie de Sassenage. Pour le numéro de décembre de notre bulletin municipal (et de notre newsletter mensuelle), le maire souhaiterait proposer à la sénatrice une courte tribune (1 500 signes) sur la réforme de la dotation globale de fonctionnement, ainsi qu'une photo.

    Le bouclage est fixé au 6 novembre. Pensez-vous que cela soit possible ?

    Bien cordialement,
    Julie Montagnier
    Chargée de communication – Ville de Sassenage
    """), bstyle="outlook", hstyle="outlook"),
    case="tribune-sassenage", mid_style="exchange",
    note="HARD personal: communication@ address, the word 'newsletter' in the text, but a specific personal request")

msg("h04", slug="taxe-de-sejour-gite", date="2026-02-26 09:58",
    frm=("Gîte Les Sources", "info@gite-les-sources.fr"), to=[OFFICE],
    subject="Question sur la taxe de séjour",
    body=text(D("""
    Bonjour,

    Je tiens un gîte de 12 places à Autrans-Méaudre en Vercors. La communauté de communes vient d'augmenter la taxe de séjour de 60 %, avec effet immédiat, alors que nos tarifs 2026 étaient déjà publiés et les réservations prises. Est-ce légal ? Une délibération de décembre peut-elle s'appliquer aux réservations déjà encaissées ?

    Céline Martin
    Gîte Les Sources
    """)),
    case="taxe-sejour-martin", mid_style="generic",
    note="HARD personal: info@ address of a small business, written by its owner")

_newsletter_fwd = D("""
    ---------- Message transféré ---------
    De : ARS Auvergne-Rhône-Alpes <lettre-info@ars-aura-lettres.fr>
    Date : lun. 15 juin 2026 à 10:00
    Objet : La lettre de l'ARS – juin 2026
    À : <pharmacie.garcin@wanadoo.fr>

    LA LETTRE DE L'ARS AUVERGNE-RHÔNE-ALPES – N° 61 – JUIN 2026

    À la une
    - Plan canicule 2026 : les recommandations aux établissements
    - Officines : nouvelle carte des territoires fragiles
    - Vaccination : la campagne HPV au collège prolongée

    Officines : nouvelle carte des territoires fragiles
    La nouvelle cartographie des territoires fragiles en matière d'accès aux médicaments entre en vigueur le 1er juillet. Les transferts et regroupements d'officines dans ces territoires seront soumis à un avis renforcé...

    Vous recevez cette lettre car vous êtes inscrit à la liste de diffusion de l'ARS.
    Se désinscrire : https://ars-aura-lettres.fr/desinscription
    """)
msg("h05", slug="tr-lettre-ars-question-pharmacie", date="2026-06-16 13:22",
    frm=("Philippe Garcin", "pharmacie.garcin@wanadoo.fr"), to=[OFFICE],
    subject="TR: La lettre de l'ARS – juin 2026",
    body=text(D("""
    Madame la Sénatrice,

    Je vous transfère la lettre d'information de l'ARS reçue hier. Pharmacien à Mens depuis 22 ans, je cherche un repreneur depuis trois ans. Si notre commune n'est pas classée « territoire fragile » dans la nouvelle carte (ce que je crains, vu le projet), aucun jeune confrère ne pourra bénéficier des aides à l'installation et la pharmacie fermera à mon départ, en 2027.

    Pouvez-vous vous renseigner auprès de l'ARS sur le classement du Trièves ?

    Philippe Garcin
    Pharmacie du Trièves, Mens

    """) + _newsletter_fwd, cte="quoted-printable"),
    case="pharmacie-garcin", mid_style="orange",
    note="HARD personal: forward of a newsletter (with unsubscribe footer) with a real question on top")

msg("h06", slug="accuse-de-reception-recommande", date="2026-03-23 15:04",
    frm=("Martine Giroud", "martine.giroud@laposte.net"), to=[OFFICE],
    subject="Accusé de réception – mon courrier recommandé du 2 mars",
    body=text(D("""
    Madame la Sénatrice,

    Je vous ai adressé le 2 mars un courrier recommandé concernant la fermeture de la classe unique de Saint-Hilaire-du-Rosier. L'accusé de réception m'est bien revenu, signé par votre permanence le 4 mars, mais je n'ai reçu aucune réponse.

    Je vous résume : l'inspection académique veut fermer la classe à la rentrée alors que 14 enfants y sont inscrits. Les parents demandent un moratoire.

    Martine Giroud
    Présidente de l'association des parents d'élèves
    """), cs="iso-8859-1", cte="quoted-printable"),
    hcs="iso-8859-1", case="classe-st-hilaire", mid_style="generic", mid_domain="laposte.net",
    note="HARD personal: 'Accusé de réception' in the subject; a real letter")

msg("h07", slug="je-ne-recois-plus-la-newsletter", date="2026-04-29 20:11",
    frm=("Alain Petit", "alain.petit.38@free.fr"), to=[OFFICE],
    subject="Newsletter",
    body=text(D("""
    Bonjour,

    Je ne reçois plus la newsletter de la sénatrice depuis le début de l'année, alors que je l'appréciais beaucoup. Pouvez-vous me réinscrire ?

    Et tant que j'y suis : la sénatrice a-t-elle pris position sur la réouverture de la maternité de Voiron ? Je n'ai rien trouvé sur le site.

    Cordialement,
    Alain Petit
    """), cte="8bit"),
    case="newsletter-petit", mid_style="generic",
    note="HARD personal: bare subject 'Newsletter', a person asks to be re-subscribed plus a question")

msg("h08", slug="fermeture-estivale-mairie-question", date="2026-07-17 11:40",
    frm=("Secrétariat de mairie de Chasselay", "secretariat@mairie-chasselay.fr"), to=[OFFICE],
    subject="Fermeture estivale de la mairie – question urgente avant le 31 juillet",
    body=text(D("""
    Bonjour,

    La mairie sera fermée du 1er au 23 août. Avant la fermeture, le maire a besoin d'une réponse sur un point : la préfecture nous demande de reverser 14 000 € de DETR parce que les travaux de la salle des fêtes ont été achevés avec quatre mois de retard (intempéries). Existe-t-il une possibilité de dérogation ?

    Merci de nous répondre avant le 31 juillet si possible.

    Monique Chabanel
    Secrétaire de mairie
    """), cte="quoted-printable"),
    case="detr-chasselay", mid_style="generic",
    note="HARD personal: 'fermeture', dates of closure, secretariat@ address (the same domain delayed an office mailing in July) but a real question")

msg("h09", slug="ceci-n-est-pas-un-message-automatique", date="2026-05-05 09:33",
    frm=("Lucien Barral", "lucien.barral@orange.fr"), to=[OFFICE],
    subject="Ceci n'est pas un message automatique",
    body=text(D("""
    Madame la Sénatrice,

    Ceci n'est pas un message automatique ni une pétition : je vous écris personnellement, parce que tous les courriers que j'envoie à l'administration reçoivent des réponses toutes faites.

    Mon épouse est en EHPAD à La Tour-du-Pin depuis janvier. Le reste à charge est de 2 650 € par mois ; nos deux retraites font 2 900 €. La demande d'aide sociale à l'hébergement est en instruction au Département depuis quatre mois. Comment tenir ?

    Lucien Barral
    """), cte="quoted-printable"),
    case="ehpad-barral", mid_style="orange",
    note="HARD personal: subject and text say 'message automatique'")

msg("h10", slug="tr-undelivered-mail-returned", date="2026-03-12 18:30",
    frm=("Yvonne Collet", "yvonne.collet@gmail.com"), to=[OFFICE],
    subject="Fwd: Undelivered Mail Returned to Sender",
    body=text(D("""
    Bonjour,

    J'ai essayé d'écrire à la sénatrice à l'adresse que j'avais trouvée dans le journal, mais mon message m'est revenu (voir ci-dessous). J'espère que celle-ci est la bonne.

    Je voulais lui demander de l'aide pour le dossier de ma mère, 94 ans, qui vit seule à Corps : le service d'aide à domicile a réduit ses passages de 2 à 1 par jour faute de personnel. Elle est tombée deux fois ce mois-ci.

    Yvonne Collet

    ---------- Forwarded message ---------
    From: Mail Delivery System <MAILER-DAEMON@mail-relay.example-isp.fr>
    Date: jeu. 12 mars 2026 à 17:58
    Subject: Undelivered Mail Returned to Sender
    To: <yvonne.collet@gmail.com>

    This is the mail system at host mail-relay.example-isp.fr.

    I'm sorry to have to inform you that your message could not
    be delivered to one or more recipients.

    <h.marchal@senat-exemple.fr>: host mx.senat-exemple.fr said: 550 5.1.1
        <h.marchal@senat-exemple.fr>: Recipient address rejected: User unknown
    """), cte="quoted-printable"),
    case="aide-domicile-collet", mid_style="gmail",
    note="VERY HARD personal: a person forwards a bounce ('Undelivered Mail Returned to Sender', MAILER-DAEMON text) with her request on top")

msg("h11", slug="invitation-cci-crm-list-unsubscribe", date="2026-09-17 08:00",
    frm=("Frédéric Lambert", "f.lambert@cci-nord-isere.fr"), to=[OFFICE],
    subject="Hélène, une question avant notre rencontre du 2 octobre",
    body=alt(D("""
    Chère Hélène,

    Merci d'avoir accepté de venir à l'assemblée générale de la CCI Nord-Isère le 2 octobre. Avant cette rencontre, je voulais te poser une question précise : le Gouvernement envisage-t-il vraiment de supprimer l'exonération de CFE pour les entreprises de moins de deux ans ? Nos adhérents nous interrogent et je voudrais pouvoir leur répondre en ouverture de l'AG.

    Bien amicalement,
    Frédéric Lambert
    Président de la CCI Nord-Isère
    """), bstyle="mailer"),
    case="cci-nord-isere-cfe", mid_style="mailer", mid_domain="crm.cci-nord-isere.fr",
    extra=["List-Unsubscribe: <https://crm.cci-nord-isere.fr/u/8c21f0a9>",
           "X-Mailer: CCI-CRM 4.2 (Dynamics)"],
    note="HARD personal: sent through the CCI's CRM, which adds List-Unsubscribe, but a one-to-one letter with a precise question")

msg("h12", slug="re-lettre-de-la-senatrice-n12", date="2026-06-08 21:05",
    frm=("Gérald Bertrand", "gerald.bertrand@laposte.net"), to=[OFFICE],
    subject="Re: La lettre de la sénatrice – n° 12 – juin 2026",
    body=text(D("""
    Bonjour,

    Je réagis à votre lettre d'information : vous y écrivez que la sénatrice soutient le développement du photovoltaïque sur les toitures agricoles. Très bien, mais à Saint-Siméon-de-Bressieux, Enedis nous annonce 26 mois de délai pour raccorder notre hangar. Que pouvez-vous faire ?

    Gérald Bertrand
    Agriculteur
    """), cte="quoted-printable"),
    case="raccordement-bertrand", irt_raw="<lettre-12.20260605@news.senateur-exemple.fr>",
    mid_style="generic", mid_domain="laposte.net",
    note="HARD personal: reply to the office newsletter (not in the set): In-Reply-To outside the set; a new case")

msg("h13", slug="madame-le-maire-absente-transmet", date="2026-11-04 10:18",
    frm=("Accueil mairie de Renage", "accueil@mairie-renage.fr"), to=[OFFICE],
    subject="De la part de Mme le Maire – cantine scolaire",
    body=text(D("""
    Bonjour,

    Mme le Maire étant absente cette semaine, elle m'a demandé de vous transmettre sa demande : la société de restauration collective qui fournit la cantine scolaire a dénoncé son contrat au 31 décembre, et aucune entreprise n'a répondu au nouvel appel d'offres. 210 repas par jour sont concernés.

    Mme le Maire souhaiterait savoir si la sénatrice peut l'aider à identifier une solution (cuisine centrale d'une commune voisine, groupement de commandes…). Elle vous appellera lundi.

    Cordialement,
    Valérie Pons
    Accueil – Mairie de Renage
    """), cte="quoted-printable"),
    case="cantine-renage", mid_style="generic",
    note="HARD personal: 'absente' in the first line, accueil@ address, written on behalf of the mayor")

msg("h14", slug="iphone-html-only-eclairage", date="2026-11-09 07:12",
    frm=("Stéphanie Guerin", "steph.guerin@icloud.com"), to=[OFFICE],
    subject="Éclairage public éteint – sortie du collège",
    body=html_only(D("""
    <html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto"><div dir="ltr">Bonjour,</div><div dir="ltr"><br></div><div dir="ltr">Depuis la rentrée la commune de Saint-Jean-de-Moirans éteint l’éclairage public à 18h30 pour faire des économies. Les enfants sortent du collège à 17h45 et marchent 2 km sur la départementale dans le noir dès novembre. Un enfant a failli être renversé jeudi.</div><div dir="ltr"><br></div><div dir="ltr">Le maire ne répond pas. Pouvez-vous faire quelque chose ?</div><div dir="ltr"><br></div><div dir="ltr">Stéphanie Guerin</div><div dir="ltr"><br><div dir="ltr">Envoyé de mon iPhone</div></div></body></html>
    """)),
    case="eclairage-guerin", mid_style="apple",
    extra=["X-Mailer: iPhone Mail (22B83)"],
    note="HTML-only personal message from an iPhone")

msg("h15", slug="changement-d-adresse-nouveau-maire", date="2026-04-03 17:45",
    frm=("Julien Ravier", "maire@mairie-la-buisse.fr"), to=[OFFICE],
    subject="Changement d'adresse électronique – nouveau maire de La Buisse",
    body=text(D("""
    Madame la Sénatrice,

    Élu maire de La Buisse le 27 mars, je vous informe que l'adresse maire@mairie-la-buisse.fr est désormais la mienne. L'adresse nominative de mon prédécesseur, alain.chevrier@mairie-la-buisse.fr, ne sera plus consultée : merci de la retirer de vos listes.

    J'aimerais vous rencontrer prochainement pour vous présenter les priorités de la nouvelle équipe, notamment la sécurisation de la traversée du village par la RD 1075.

    Respectueusement,
    Julien Ravier
    Maire de La Buisse
    """), cte="quoted-printable"),
    case="la-buisse-nouveau-maire", mid_style="generic",
    note="HARD personal: 'Changement d'adresse' subject, reads like a notification; the predecessor's address sends an 'address no longer read' auto-reply in July")

msg("h16", slug="desinscription-ancien-conseiller", date="2026-04-13 13:03",
    frm=("Raymond Cuvier", "raymond.cuvier@wanadoo.fr"), to=[OFFICE],
    subject="Désinscription",
    body=text(D("""
    Bonjour,

    N'étant plus conseiller municipal depuis mars, merci de me retirer de votre liste de diffusion des élus.

    Je profite de ce message pour remercier la sénatrice de son aide pour le dossier de la station d'épuration de Biol pendant ces six années.

    Raymond Cuvier
    """), cs="windows-1252", cte="quoted-printable"),
    case="desinscription-cuvier", mid_style="orange",
    note="HARD personal: unsubscribe request written by a person")


# ==========================================================================
# 10. Bulk mail
# ==========================================================================

def bulk(key, *, slug, date, frm, subject, body, note, headers=(), to=OFFICE,
         mid_style="mailer", mid_domain=None, return_path=None):
    return msg(key, slug=slug, date=date, frm=frm, to=to, subject=subject,
               body=body, kind="bulk", note=note, extra=list(headers),
               mid_style=mid_style, mid_domain=mid_domain,
               return_path=return_path)


bulk("k01", slug="lettre-maires-ruraux-isere", date="2026-01-15 07:30:00",
    frm=("Association des maires ruraux de l'Isère", "lettre@amri38.fr"),
    subject="La lettre des maires ruraux – n° 87 – janvier 2026",
    body=alt(D("""
    LA LETTRE DES MAIRES RURAUX DE L'ISÈRE – N° 87

    Édito – Une année électorale décisive
    Les élections municipales des 15 et 22 mars 2026 renouvelleront près de 40 % des exécutifs ruraux...

    Agenda
    - 31 janvier : formation « Préparer son budget 2026 » (Saint-Marcellin)
    - 14 février : assemblée générale (La Mure)

    Vous recevez cette lettre en tant qu'adhérent ou partenaire de l'AMRI.
    Se désabonner : https://amri38.fr/lettre/desabonnement
    """), bstyle="mailer"),
    headers=["List-Id: La lettre des maires ruraux <lettre.amri38.fr>",
             "List-Unsubscribe: <https://amri38.fr/lettre/desabonnement?u=f3a9>, <mailto:unsubscribe@amri38.fr>",
             "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "Precedence: list"],
    return_path="<bounces+f3a9@amri38.fr>",
    note="association newsletter with List-Id, List-Unsubscribe, Precedence: list")

bulk("k02", slug="lettre-du-departement-html", date="2026-02-03 11:00:00",
    frm=("Département de l'Isère", "infolettre@isere-departement-info.fr"),
    subject="L'Isère en action – votre infolettre de février",
    body=html_only(D("""
    <!DOCTYPE html><html><head><meta charset="utf-8"><title>L'Isère en action</title></head>
    <body style="margin:0;background:#f2f2f2"><table width="600" align="center" style="background:#fff;font-family:Arial">
    <tr><td><img src="https://isere-departement-info.fr/img/header-fevrier.png" alt="L'Isère en action" width="600"></td></tr>
    <tr><td><h1>Plan neige : 1 200 km de routes déneigées chaque nuit</h1><p>Découvrez comment les agents des routes départementales se mobilisent tout l'hiver…</p>
    <h2>Collèges : 45 M€ pour la rénovation énergétique</h2><p>Le Département engage un programme sans précédent…</p>
    <p><a href="https://isere-departement-info.fr/agenda">Tout l'agenda du mois</a></p></td></tr>
    <tr><td style="font-size:10px;color:#777">Pour ne plus recevoir cette infolettre, <a href="https://isere-departement-info.fr/desinscription">cliquez ici</a>.</td></tr>
    </table><img src="https://isere-departement-info.fr/t/o.gif?u=77812" width="1" height="1"></body></html>
    """)),
    note="HTML-only newsletter without any list header (unsubscribe link only in the HTML)")

bulk("k03", slug="communique-presse-inauguration-usine", date="2026-03-12 09:45:00",
    frm=("Agence Alpes RP", "presse@alpes-rp.fr"), to=UNDISCLOSED,
    subject="COMMUNIQUÉ DE PRESSE – Hydrogène : inauguration de la gigafactory de Vif le 2 avril",
    body=mixed(text(D("""
    COMMUNIQUÉ DE PRESSE
    Grenoble, le 12 mars 2026

    HYDROGÈNE : HYVALP INAUGURE SA GIGAFACTORY D'ÉLECTROLYSEURS À VIF

    Hyvalp inaugurera le 2 avril sa nouvelle usine de production d'électrolyseurs à Vif (Isère), en présence des élus locaux et des partenaires industriels. 180 emplois créés d'ici 2028...

    Contact presse : Agence Alpes RP – Marion Delacroix – 04 76 00 11 22 – presse@alpes-rp.fr

    Vous recevez ce communiqué car vous figurez dans notre fichier presse et institutions. Pour ne plus le recevoir, répondez STOP.
    """)), [attachment("CP_Hyvalp_inauguration_Vif.pdf", "application/pdf", fake_pdf("CP Hyvalp"))]),
    headers=["Precedence: bulk", "X-Mailer: Alpes RP diffusion"],
    note="press release to a list (undisclosed recipients), Precedence: bulk, PDF attached")

bulk("k04", slug="webinaire-dematerialisation-urbanisme", date="2026-04-21 10:00:00",
    frm=("Civilia Solutions", "evenements@civilia-solutions.fr"),
    subject="[Webinaire] Dématérialisation des autorisations d'urbanisme : 5 bonnes pratiques – mardi 5 mai à 11h",
    body=alt(D("""
    Madame, Monsieur,

    Depuis 2022, toutes les communes doivent pouvoir recevoir les demandes d'autorisation d'urbanisme par voie électronique. Où en êtes-vous ?

    Participez à notre webinaire gratuit le mardi 5 mai 2026 à 11h (45 min) :
    - retours d'expérience de 3 collectivités
    - démonstration de Civilia Urba
    - questions / réponses

    Je m'inscris : https://civilia-solutions.fr/webinaires/urba-0505

    Civilia Solutions – 8 rue des Arts – 69002 Lyon
    Se désinscrire : https://civilia-solutions.fr/unsub?e=permanence%40senateur-exemple.fr
    """), bstyle="mailer"),
    headers=["List-Unsubscribe: <https://civilia-solutions.fr/unsub?e=permanence%40senateur-exemple.fr>",
             "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
             "X-Mailer: Sendinblue", "Feedback-ID: 52:civilia:campaign:sendinblue"],
    mid_domain="smtp-relay.sendinblue.com", return_path="<bounces-8817@sib.civilia-solutions.fr>",
    note="vendor webinar invitation via an e-mailing platform, List-Unsubscribe")

bulk("k05", slug="gazette-isere-nature-vivante", date="2026-05-07 18:00:00",
    frm=("Isère Nature Vivante", "gazette@isere-nature-vivante.org"),
    subject="🌿 La Gazette du printemps : castors, haies et fête de la nature",
    body=alt(D("""
    LA GAZETTE D'ISÈRE NATURE VIVANTE – PRINTEMPS 2026

    Le retour du castor sur la Bourbre
    Nos bénévoles ont recensé 14 nouveaux barrages...

    Plantons des haies !
    12 km de haies plantées cet hiver avec 40 agriculteurs partenaires.

    Fête de la nature – 23 et 24 mai
    Sorties gratuites dans toute l'Isère.

    Faire un don : https://isere-nature-vivante.org/don
    Vous êtes inscrit(e) à notre gazette. Se désinscrire : https://isere-nature-vivante.us21.list-manage.com/unsubscribe?u=9c1&id=44d
    """), cs="utf-8", cte="quoted-printable", bstyle="mailer"),
    headers=["List-Id: 9c1a2b3c4d5e6f7a8b9c0d1e2mc list <9c1a2b3c4d5e6f7a8b9c0d1e2.44d.list-id.mcsv.net>",
             "List-Unsubscribe: <https://isere-nature-vivante.us21.list-manage.com/unsubscribe?u=9c1&id=44d>",
             "X-MC-User: 9c1a2b3c4d5e6f7a8b9c0d1e2", "Precedence: bulk"],
    mid_domain="mail188.atl221.mcsv.net", return_path="<bounce-mc.us21_9c1.44d-permanence=senateur-exemple.fr@mail188.atl221.mcsv.net>",
    note="association newsletter via Mailchimp (List-Id, X-MC-User), emoji in the subject")

bulk("k06", slug="eco-isere-cci-windows-1252", date="2026-06-10 06:45:00",
    frm=("CCI Grenoble – L'Éco Isère", "eco-isere@newsletter.grenoble.cci.fr"),
    subject="L'Éco Isère n° 214 – Foncier économique : l'heure des choix",
    body=alt(D("""
    L'ÉCO ISÈRE – N° 214 – JUIN 2026

    Foncier économique : l'heure des choix
    Avec le « zéro artificialisation nette », les zones d'activité iséroises n'ont plus que 4 ans de réserve…

    Conjoncture : l'industrie iséroise résiste
    Baromètre trimestriel : 61 % des chefs d'entreprise jugent leur activité « stable ou en hausse ».

    Agenda : Les Trophées de l'entreprise – 25 juin – Alpexpo

    © CCI Grenoble – Vous recevez cette lettre en tant que partenaire institutionnel.
    Gérer mes abonnements : https://newsletter.grenoble.cci.fr/abonnements
    """), cs="windows-1252", cte="quoted-printable", bstyle="mailer"),
    headers=["Precedence: bulk", "X-Campaign: ECO214"],
    note="chamber of commerce newsletter, windows-1252, Precedence: bulk, no List-* headers")

bulk("k07", slug="barometre-des-elus-votre-avis", date="2026-06-29 14:00:00",
    frm=("Institut Opinia", "etudes@opinia-sondages.fr"),
    subject="Votre avis compte : Baromètre des élus 2026 (10 minutes)",
    body=text(D("""
    Madame la Sénatrice,

    L'Institut Opinia réalise, pour le compte d'un grand quotidien national, le Baromètre annuel des élus. Votre participation (10 minutes) est précieuse.

    Répondre au questionnaire : https://opinia-sondages.fr/s/BE2026?id=a81f22

    Vos réponses sont anonymes. Conformément au RGPD, vous pouvez vous opposer à la réception de nos sollicitations : https://opinia-sondages.fr/optout
    """), cte="base64"),
    headers=["List-Unsubscribe: <https://opinia-sondages.fr/optout?id=a81f22>", "Precedence: bulk"],
    note="survey invitation to a list, base64 body; opens 'Madame la Sénatrice'")

bulk("k08", slug="revue-de-presse-16-juillet", date="2026-07-16 07:05:00",
    frm=("Revue de presse Alpes", "revue@presse-alpes-veille.fr"),
    subject="Revue de presse du jeudi 16 juillet 2026 – Isère / Savoie",
    body=text(D("""
    REVUE DE PRESSE – JEUDI 16 JUILLET 2026

    ISÈRE
    - Sécheresse : 112 communes en alerte renforcée (Le Dauphiné Libéré)
    - Grenoble : le téléphérique urbain mis en service en 2027 (Place Gre'net)
    - Trièves : la ligne des Alpes fermée dès septembre ? (France 3 Alpes)

    SAVOIE
    - Lyon-Turin : nouveau retard sur les accès français

    Abonnement réservé aux élus et collectivités partenaires. Pour modifier vos préférences : https://presse-alpes-veille.fr/compte
    """), cte="quoted-printable"),
    headers=["Precedence: list", "List-Id: <revue-quotidienne.presse-alpes-veille.fr>",
             "X-Auto-Response-Suppress: OOF, AutoReply"],
    note="daily press review, Precedence: list + List-Id + X-Auto-Response-Suppress (not an auto-reply)")

bulk("k09", slug="salon-des-maires-invitation-exposants", date="2026-08-27 09:30:00",
    frm=("Salon des Maires et des Collectivités Locales", "invitation@salon-maires-info.fr"),
    subject="Votre badge gratuit pour le Salon des Maires – 24-26 novembre 2026",
    body=alt(D("""
    Madame la Sénatrice,

    Le Salon des Maires et des Collectivités Locales ouvre ses portes du 24 au 26 novembre 2026 à Paris, Porte de Versailles. Plus de 1 000 exposants, 60 conférences.

    Votre badge gratuit : https://salon-maires-info.fr/badge?c=SMCL26

    À très bientôt,
    L'équipe du Salon
    """), bstyle="mailer"),
    headers=["List-Unsubscribe: <mailto:unsub-smcl@salon-maires-info.fr>", "Precedence: bulk"],
    note="trade-show invitation to a list")

bulk("k10", slug="communique-intersyndical-hopitaux", date="2026-09-08 12:15:00",
    frm=("Intersyndicale santé Isère", "intersyndicale.sante38@gmail.com"), to=UNDISCLOSED,
    subject="Communiqué intersyndical – Hôpitaux de l'Isère : la coupe est pleine",
    body=text(D("""
    COMMUNIQUÉ INTERSYNDICAL – 8 septembre 2026

    Les organisations syndicales CGT, FO, SUD et CFDT des hôpitaux de l'Isère appellent à une journée de mobilisation le jeudi 24 septembre.

    Fermetures de lits, urgences régulées la nuit à Voiron et à Bourgoin, 300 postes vacants : nous demandons un plan d'urgence.

    Rassemblement à 11h devant l'Agence régionale de santé, Grenoble.

    Diffusion : presse, parlementaires et élus de l'Isère.
    """)),
    mid_style="gmail",
    note="HARD bulk: union press release sent from a gmail address to undisclosed recipients, no list headers")

bulk("k11", slug="alpine-policy-forum-weekly-digest", date="2026-10-13 16:00:00",
    frm=("Alpine Policy Forum", "digest@alpinepolicyforum.eu"),
    subject="Weekly Digest #142 – Climate adaptation in mountain regions",
    body=alt(D("""
    ALPINE POLICY FORUM – WEEKLY DIGEST #142

    This week:
    - Glacier retreat and water governance: lessons from Valais and Isère
    - EU mountain strategy: what the Parliament's report says
    - Event: Alpine Mayors Summit, Innsbruck, 20 November

    You are receiving this because you subscribed at alpinepolicyforum.eu.
    Unsubscribe: https://alpinepolicyforum.eu/unsubscribe
    """), bstyle="mailer"),
    headers=["List-Id: Alpine Policy Forum Digest <digest.alpinepolicyforum.eu>",
             "List-Unsubscribe: <https://alpinepolicyforum.eu/unsubscribe?t=77a1>",
             "Precedence: list"],
    note="English think-tank newsletter with list headers")

bulk("k12", slug="lettre-services-etat-iso", date="2026-11-05 10:30:00",
    frm=("Lettre des services de l'Etat en Isère", "lettre-etat@isere-services-etat.fr"),
    subject="La lettre des services de l'État en Isère – novembre 2026",
    body=alt(D("""
    LA LETTRE DES SERVICES DE L'ÉTAT EN ISÈRE – NOVEMBRE 2026

    Viabilité hivernale : les équipements obligatoires en montagne à partir du 1er novembre.
    Dotations 2027 : calendrier des appels à projets DETR et DSIL.
    Sécurité routière : bilan des neuf premiers mois.

    Pour vous désinscrire de cette lettre, écrivez à lettre-etat@isere-services-etat.fr
    """), cs="iso-8859-1", cte="quoted-printable", bstyle="mailer"),
    headers=["List-Unsubscribe: <mailto:lettre-etat@isere-services-etat.fr?subject=desinscription>"],
    note="institutional newsletter, ISO-8859-1, List-Unsubscribe only")

bulk("k13", slug="prospection-personnalisee-logiciel", date="2026-03-26 08:52:00",
    frm=("Julie Moreau", "julie.moreau@civilia-solutions.fr"),
    subject="Madame la Sénatrice, une question rapide",
    body=alt(D("""
    Madame la Sénatrice,

    Je me permets de vous contacter car plusieurs communes de l'Isère nous ont récemment fait confiance pour la gestion de leurs demandes citoyennes.

    Votre permanence reçoit sans doute chaque semaine de nombreuses sollicitations. Seriez-vous disponible 15 minutes la semaine prochaine pour que je vous présente Civilia Contact, notre outil de suivi des courriers ?

    Bien à vous,

    Julie Moreau
    Responsable grands comptes – Civilia Solutions
    06 00 00 41 12

    Si vous ne souhaitez plus recevoir de messages de ma part, répondez simplement « non merci ».
    """), bstyle="mailer"),
    headers=["X-Mailer: HubSpot", "X-HubSpot-Sequence: seq-elus-2026-q1"],
    mid_domain="hubspotemail.net",
    note="HARD bulk (looks personal): sales prospecting sequence, first-person, 'Madame la Sénatrice', no list headers; only X-Mailer/X-HubSpot and footer tell")

bulk("k14", slug="invitation-personnelle-rencontres-montagne", date="2026-09-24 09:00:00",
    frm=("Frédérique Arnoux – Fédération des stations", "f.arnoux@stations-montagne-federation.fr"),
    subject="Invitation personnelle – Rencontres nationales de la montagne 2026",
    body=alt(D("""
    Chère Madame Marchal,

    J'ai le plaisir de vous inviter personnellement aux Rencontres nationales de la montagne, qui se tiendront les 15 et 16 octobre à Chambéry.

    Votre regard d'élue d'un département de montagne serait précieux lors de la table ronde « Stations de moyenne altitude : quelle transition ? ».

    Je vous remercie de bien vouloir confirmer votre venue via le lien suivant : https://rencontres-montagne.fr/inscription?id=ELU-0412

    Avec mes sentiments les meilleurs,
    Frédérique Arnoux
    Déléguée générale

    Se désabonner de nos communications : https://rencontres-montagne.fr/desabonnement?id=ELU-0412
    """), bstyle="mailer"),
    headers=["X-Mailer: Mailjet", "X-MJ-Mid: AAAAAGk9Q0sAAAAAAAAAAK8"],
    mid_domain="mailjet.com",
    note="HARD bulk (looks personal): mail-merge 'invitation personnelle' with the senator's name, per-recipient link and unsubscribe footer; no List-* headers")

bulk("k15", slug="isere-matin-essentiel-du-jour", date="2026-11-17 06:00:00",
    frm=("L'Isère Matin", "newsletter@iseremat-info.fr"),
    subject="L'essentiel du mardi 17 novembre : neige précoce, budget 2027, RN85",
    body=html_only(D("""
    <html><body><h2>L'essentiel du mardi 17 novembre</h2>
    <ul><li>Neige précoce : les cols du Vercors fermés</li><li>Budget 2027 : le Sénat adopte la première partie</li><li>RN85 : les riverains de Vizille manifestent</li></ul>
    <p><a href="https://iseremat-info.fr/abonnement">Gérer mon abonnement</a> – <a href="https://iseremat-info.fr/unsub">Se désinscrire</a></p>
    </body></html>
    """)),
    headers=["List-Unsubscribe: <https://iseremat-info.fr/unsub?k=9912>", "Precedence: bulk"],
    note="daily newspaper newsletter, HTML-only, List-Unsubscribe")


# ==========================================================================
# 11. Spam flagged by the server
# ==========================================================================

def spam(key, *, slug, date, frm, subject, body, note, score, tests, flag=True, to=OFFICE):
    hdr = []
    if flag:
        hdr.append("X-Spam-Flag: YES")
    hdr.append(f"X-Spam-Status: Yes, score={score} required=5.0 tests={tests} autolearn=no")
    hdr.append("X-Spam-Level: " + "*" * int(float(score)))
    return msg(key, slug=slug, date=date, frm=frm, to=to, subject=subject,
               body=body, kind="spam", note=note, extra=hdr, mid_style="generic")


spam("p01", slug="colis-en-attente-frais-livraison", date="2026-02-11 04:12",
    frm=("Suivi Colis", "notification@suivi-colis-fr.top"),
    subject="Votre colis est en attente : frais de livraison de 1,99 € à régler",
    body=html_only('<html><body><p>Bonjour,</p><p>Votre colis n° FR7740021 n\'a pas pu être livré. '
                   'Réglez 1,99 € de frais pour programmer une nouvelle livraison : '
                   '<a href="http://suivi-colis-fr.top/pay">Programmer la livraison</a></p></body></html>\n'),
    score="12.4", tests="BAYES_99,HTML_MESSAGE,PHISHING_LINK,RCVD_IN_SBL",
    note="phishing, X-Spam-Flag: YES")

spam("p02", slug="facture-impayee-piece-jointe", date="2026-05-28 02:47",
    frm=("Service Comptabilité", "compta@factures-relance-pro.xyz"),
    subject="RE: Facture impayée n° FR-2026-0419 – dernier rappel",
    body=mixed(text("Bonjour,\n\nMalgré nos relances, la facture ci-jointe reste impayée. Merci de régulariser sous 48h.\n\nService comptabilité\n"),
               [attachment("Facture_FR-2026-0419.html", "text/html",
                           b"<html><body><script>window.location='http://factures-relance-pro.xyz/l'</script></body></html>\n")]),
    score="9.8", tests="BAYES_95,HTML_ATTACH,FAKE_REPLY_B,URIBL_BLACK",
    note="fake 'RE:' invoice spam with HTML attachment, no In-Reply-To")

spam("p03", slug="referencement-site-senateur", date="2026-07-02 15:31",
    frm=("Kevin – SEO Experts", "kevin.seo.experts@outlook-mail-pro.com"),
    subject="Référencement de votre site senateur-exemple.fr",
    body=text(D("""
    Bonjour,

    J'ai analysé votre site senateur-exemple.fr : il n'apparaît pas en première page de Google pour « sénatrice Isère ». Nous garantissons la 1re position en 30 jours pour 299 €/mois.

    Répondez OUI pour recevoir notre audit gratuit.

    Kevin
    """)),
    score="6.1", tests="BAYES_80,FREEMAIL_FROM,SEO_SPAM", flag=False,
    note="SEO spam: only X-Spam-Status: Yes (no X-Spam-Flag)")

spam("p04", slug="crypto-investissement-garanti", date="2026-09-30 23:58",
    frm=("Elon Invest France", "contact@elon-invest-fr.click"),
    subject="Madame, votre portefeuille a généré 18 450 € – confirmez votre retrait",
    body=alt("Félicitations ! Votre compte d'investissement automatique a généré 18 450 €.\nConfirmez votre identité pour débloquer le retrait : http://elon-invest-fr.click/retrait\n"),
    score="15.7", tests="BAYES_99,MONEY_FRAUD,URIBL_DBL_SPAM,FORGED_NAME",
    note="crypto scam, X-Spam-Flag: YES")

spam("p05", slug="madame-la-senatrice-appel-a-votre-bonte", date="2026-10-22 03:15",
    frm=("Dr. Samuel Mbeki", "dr.samuel.mbeki@consultant-mail.net"),
    subject="Madame la Sénatrice, un appel à votre bonté",
    body=text(D("""
    Madame la Sénatrice,

    Je me permets de vous écrire en toute confiance. Je suis médecin et je travaille pour une organisation humanitaire. Un de nos bienfaiteurs, décédé sans héritier, a laissé un fonds de 4 700 000 euros destiné à des œuvres en France. Votre réputation d'intégrité nous a conduits vers vous.

    Merci de me répondre en toute discrétion à cette adresse privée : samuel.mbeki.fond@consultant-mail.net

    Que Dieu vous bénisse,
    Dr. Samuel Mbeki
    """)),
    score="7.3", tests="ADVANCE_FEE_4_NEW,BAYES_95,FREEMAIL_REPLYTO_END_DIGIT",
    note="HARD spam (looks personal): advance-fee scam addressed to the senator, flagged X-Spam-Flag: YES")

# an automatic acknowledgement from a public service's web form, no In-Reply-To
autoreply("a22", slug="accuse-reception-saisine-sve", date="2026-09-15 14:02:33",
    frm=("Préfecture de l'Isère – Ne pas répondre", "ne-pas-repondre@isere-services-etat.fr"),
    subject="Accusé de réception de votre saisine n° SVE-38-2026-004512",
    text_=D("""
    Madame, Monsieur,

    Nous accusons réception de votre saisine n° SVE-38-2026-004512 déposée le 15/09/2026 à 14:01 sur le formulaire en ligne.

    Conformément à l'article L. 112-11 du code des relations entre le public et l'administration, le présent accusé de réception vaut récépissé. Votre demande sera instruite par le service compétent.

    Ce message est généré automatiquement. Merci de ne pas y répondre.
    """), mid_style="mailer", return_path="<>",
    headers=["Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All"],
    note="automatic acknowledgement of a web-form submission made by the office ('Accusé de réception' subject); no In-Reply-To")


# ==========================================================================
# output
# ==========================================================================

KINDS = ("personal", "auto_reply", "bulk", "bounce", "spam")


def assign_files():
    order = sorted(MSGS, key=lambda e: (e["dt"].astimezone(UTC), e["idx"]))
    files = {}
    for i, e in enumerate(order, 1):
        e["file"] = f"{i:03d}-{e['slug']}.eml"
        files[e["key"]] = e["file"]
    for e in order:
        e["note_final"] = re.sub(r"\{file:(\w+)\}", lambda m: files[m.group(1)], e["note"])
    return order


SOURCE_MD = """\
# Held-out case corpus

Synthetic messages written for the Permanence project, to measure message
classification (`kind`) and case grouping (`case`) on mail that was written
independently of the code and of the first case corpus (`fixtures/cases/`).
Nobody should tune the code against these files; use them to measure.

Everything is invented: the senator (Hélène Marchal), her staff (Claire
Vasseur, Thomas Reynaud), every citizen, mayor, company and association, every
address, phone number and file number. Commune names are real Isère communes
used as settings; the people attached to them are fictional. Domains such as
`senateur-exemple.fr` are placeholders. Any resemblance to real persons is
accidental.

## Regenerate

    python3 scripts/make_case_heldout.py           # writes, then validates
    python3 scripts/make_case_heldout.py --check   # validates the files on disk

The generator uses only the Python standard library, a fixed seed and
hand-built MIME (fixed boundaries, fixed Message-IDs), so re-running it
produces byte-identical files. Lines end in CRLF.

## Layout

- `messages/NNN-slug.eml`: one RFC 5322 message per file, numbered in arrival
  order (by Date). Dates run from January to November 2026 (Europe/Paris).
- `labels.csv`: `file,kind,case,outgoing,note`.

## Labels

- `kind` (truth): `personal` (written by a person to the office, or by the
  office), `auto_reply` (out-of-office, vacation, automatic acknowledgement),
  `bulk` (newsletters, press releases, mass mailings, prospecting sequences),
  `bounce` (delivery status notifications, MAILER-DAEMON/postmaster
  reports), `spam` (flagged by the receiving server with `X-Spam-Flag: YES`
  and/or `X-Spam-Status: Yes`).
- `case`: a label shared by every message of one request case; empty for
  non-personal mail. Rules used to label:
  - a reply (In-Reply-To/References, or a quoted header block such as
    Outlook's "De : … Envoyé : … Objet : …", Gmail's or Thunderbird's
    "Le … a écrit :", a forwarded block, or the same correspondent re-using
    the subject after RE:/TR:/Fwd: within 60 days) belongs to the case of
    the message it answers;
  - the office's replies belong to the case they answer; a message the office
    writes first (invitation, consultation, letter) opens a case that the
    answers join;
  - a website contact-form message relayed from `noreply@senateur-exemple.fr`
    carries the citizen in `Reply-To:`: the citizen is the correspondent;
  - nearly the same text from >= 3 different senders within 30 days (council
    motion, form letter) is ONE case;
  - the same subject from different senders about unrelated matters gives
    different cases; the same sender re-using a subject more than 60 days
    later about something new opens a new case;
  - the same topic in genuinely different words is not a campaign.
  One label deliberately goes beyond header evidence: `facture-eau-dupond`
  joins a contact-form message and its re-submission from a corrected
  e-mail address (see the notes).
- `outgoing`: 1 when the office wrote it (From: "Permanence de la sénatrice
  H. Marchal" <permanence@senateur-exemple.fr>), else 0.
- `note`: what the message tests. `HARD` marks messages whose kind is
  misleading at first sight; `HEADERS LOST` marks replies without
  In-Reply-To/References; `bounce_of=<file>` names the office message a bounce
  returns. A reply whose In-Reply-To points outside the set says so.

## Counts

{counts}
"""


def write_all():
    order = assign_files()
    mdir = OUT / "messages"
    mdir.mkdir(parents=True, exist_ok=True)
    for old in mdir.glob("*.eml"):
        old.unlink()
    for e in order:
        data = e["raw"].replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        (mdir / e["file"]).write_bytes(data)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "kind", "case", "outgoing", "note"])
    for e in order:
        w.writerow([e["file"], e["kind"], e["case"], 1 if e["outgoing"] else 0,
                    e["note_final"]])
    (OUT / "labels.csv").write_text(buf.getvalue(), encoding="utf-8")
    (OUT / "SOURCE.md").write_text(SOURCE_MD.format(counts=counts_text(order)),
                                   encoding="utf-8")
    return order


def counts_text(order):
    by_kind = {k: sum(1 for e in order if e["kind"] == k) for k in KINDS}
    cases = {}
    for e in order:
        if e["case"]:
            cases.setdefault(e["case"], 0)
            cases[e["case"]] += 1
    lines = [f"- messages: {len(order)}"]
    lines += [f"- {k}: {v}" for k, v in by_kind.items()]
    lines.append(f"- outgoing (office): {sum(1 for e in order if e['outgoing'])}")
    lines.append(f"- case labels: {len(cases)} "
                 f"({sum(1 for v in cases.values() if v == 1)} single-message)")
    return "\n".join(lines)


# ==========================================================================
# validation (reads the files back)
# ==========================================================================

def validate():
    errors = []
    mdir = OUT / "messages"
    rows = list(csv.DictReader((OUT / "labels.csv").open(encoding="utf-8")))
    files = sorted(p.name for p in mdir.glob("*.eml"))
    if files != sorted(r["file"] for r in rows):
        errors.append("labels.csv and messages/ disagree")
    parsed = {}
    mids = {}
    for r in rows:
        raw = (mdir / r["file"]).read_bytes()
        if b"\r\n" not in raw or re.search(rb"[^\r]\n", raw):
            errors.append(f"{r['file']}: line endings are not CRLF")
        m = message_from_bytes(raw, policy=policy.default)
        parsed[r["file"]] = (m, raw)
        for part in m.walk():
            if part.defects:
                errors.append(f"{r['file']}: defects {part.defects}")
            if part.get_content_maintype() == "text":
                try:
                    part.get_content()
                except Exception as ex:  # noqa: BLE001
                    errors.append(f"{r['file']}: cannot decode text part: {ex}")
        if m["Date"] is None:
            if "no Date" not in r["note"]:
                errors.append(f"{r['file']}: no Date")
        else:
            d = parsedate_to_datetime(str(m["Date"]))
            if not (datetime(2026, 1, 1, tzinfo=UTC) <= d < datetime(2026, 12, 1, tzinfo=UTC)):
                errors.append(f"{r['file']}: date out of range {d}")
        mid = m["Message-ID"]
        if mid is None:
            if "no Message-ID" not in r["note"]:
                errors.append(f"{r['file']}: no Message-ID")
        else:
            mid = str(mid).strip()
            if mid in mids:
                errors.append(f"{r['file']}: duplicate Message-ID with {mids[mid]}")
            mids[mid] = r["file"]
        frm = parseaddr(str(m["From"]))
        is_office = frm[1] == OFFICE_ADDR
        if is_office and frm[0] != OFFICE_NAME:
            errors.append(f"{r['file']}: office display name is {frm[0]!r}")
        if (r["outgoing"] == "1") != is_office:
            errors.append(f"{r['file']}: outgoing flag disagrees with From")
        if r["kind"] not in KINDS:
            errors.append(f"{r['file']}: bad kind {r['kind']}")
        if (r["kind"] == "personal") != bool(r["case"]):
            errors.append(f"{r['file']}: case label vs kind mismatch")
        if r["kind"] == "spam" and not (
                str(m.get("X-Spam-Flag", "")).upper() == "YES"
                or str(m.get("X-Spam-Status", "")).lower().startswith("yes")):
            errors.append(f"{r['file']}: spam without a spam header")
    for r in rows:
        m, raw = parsed[r["file"]]
        outside = "outside the set" in r["note"]
        irt = m["In-Reply-To"]
        if irt is not None and str(irt).strip() not in mids and not outside:
            errors.append(f"{r['file']}: In-Reply-To not in the set")
        refs = str(m.get("References", "")).split()
        for ref in refs:
            if ref not in mids and not outside:
                errors.append(f"{r['file']}: References {ref} not in the set")
        b = re.search(r"bounce_of=(\S+\.eml)", r["note"])
        if r["kind"] == "bounce":
            if not b:
                errors.append(f"{r['file']}: bounce without bounce_of")
            else:
                target = b.group(1).rstrip(";,")
                if target not in parsed:
                    errors.append(f"{r['file']}: bounce_of {target} missing")
                else:
                    tmid = str(parsed[target][0]["Message-ID"]).strip()
                    tsubj = str(parsed[target][0]["Subject"])
                    flat = raw.decode("latin-1")
                    if tmid not in flat:
                        errors.append(f"{r['file']}: original Message-ID not carried")
                    if next((x for x in rows if x["file"] == target))["outgoing"] != "1":
                        errors.append(f"{r['file']}: bounce_of is not an office message")
    # campaigns: >= 3 distinct senders
    cases = {}
    for r in rows:
        if r["case"]:
            cases.setdefault(r["case"], []).append(r)
    return errors, rows, cases


def main():
    if "--check" not in sys.argv:
        write_all()
    errors, rows, cases = validate()
    by_kind = {k: sum(1 for r in rows if r["kind"] == k) for k in KINDS}
    print(f"{len(rows)} messages: " + ", ".join(f"{k}={v}" for k, v in by_kind.items())
          + f"; outgoing={sum(1 for r in rows if r['outgoing'] == '1')}"
          + f"; cases={len(cases)}")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
