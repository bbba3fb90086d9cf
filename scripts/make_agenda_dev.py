#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generate fixtures/agenda-dev: a labelled DEVELOPMENT set of e-mails for invitation
recognition and event extraction (issue 20).

Written by a helper agent from the issue text and the label spec only, without access to the
extractor's code.  Python 3 standard library only, deterministic: fixed seed, fixed dates, no
clock.  Every message is fictitious; the communes and their INSEE codes are real.

    python3 scripts/make_agenda_dev.py                 # (re)writes fixtures/agenda-dev
    python3 scripts/make_agenda_dev.py --cog PATH      # also checks every INSEE code against
                                                       # @etalab/decoupage-administratif communes.json
"""
import base64
import datetime as dt
import email
import email.policy
import html
import json
import os
import quopri
import random
import re
import shutil
import sys
import textwrap
import zlib
from email.header import Header
from email.utils import formataddr, format_datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'fixtures', 'agenda-dev')
SEED = 742026
rng = random.Random(SEED)

SENATOR = 'Didier Vautrin'
MAILBOX = 'permanence@senat-vautrin-exemple.fr'
OFFICE_NAME = 'Permanence du Sénateur Didier Vautrin'
ATTACHEE = ('Claire', 'Mercier', 'c.mercier@senat-vautrin-exemple.fr')
ASSISTANT = ('Julien', 'Roche', 'j.roche@senat-vautrin-exemple.fr')
SENATOR_MAIL = 'd.vautrin@senat-vautrin-exemple.fr'

# ----------------------------------------------------------------------------------------------
# Dates and times
# ----------------------------------------------------------------------------------------------
D = dt.date
WD = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
WD_ABBR = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.']
MO = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
      'octobre', 'novembre', 'décembre']


def last_sunday(y, m):
    d = D(y, m, 31)
    while d.weekday() != 6:
        d -= dt.timedelta(days=1)
    return d


def paris_offset(y, m, d, h=12, mi=0):
    loc = dt.datetime(y, m, d, h, mi)
    start = dt.datetime.combine(last_sunday(y, 3), dt.time(2, 0))
    end = dt.datetime.combine(last_sunday(y, 10), dt.time(3, 0))
    return 2 if start <= loc < end else 1


def paris(d, h=12, mi=0, s=0):
    off = paris_offset(d.year, d.month, d.day, h, mi)
    return dt.datetime(d.year, d.month, d.day, h, mi, s, tzinfo=dt.timezone(dt.timedelta(hours=off)))


def days(n):
    return dt.timedelta(days=n)


def jour(d):
    return '1er' if d.day == 1 else str(d.day)


def fr_date(d, weekday=True, year=True, wd=None, cap=False):
    s = ''
    if weekday:
        s += (wd if wd is not None else WD[d.weekday()]) + ' '
    s += '%s %s' % (jour(d), MO[d.month - 1])
    if year:
        s += ' %d' % d.year
    if cap:
        s = s[0].upper() + s[1:]
    return s


def fr_time(t, style='h'):
    h, m = t
    if style == 'midi' and (h, m) == (12, 0):
        return 'midi'
    if style == 'h' or style == 'midi':
        return '%dh' % h if m == 0 else '%dh%02d' % (h, m)
    if style == 'h00':
        return '%dh%02d' % (h, m)
    if style == 'spaced':
        return '%d h' % h if m == 0 else '%d h %02d' % (h, m)
    if style == 'heures':
        return '%d heures' % h if m == 0 else '%d heures %02d' % (h, m)
    if style == 'colon':
        return '%d:%02d' % (h, m)
    if style == 'H':
        return '%dH' % h if m == 0 else '%dH%02d' % (h, m)
    if style == 'pad':
        return '%02dh%02d' % (h, m)
    raise ValueError(style)


def a_time(t, style='h'):
    s = fr_time(t, style)
    return ('à ' + s) if s != 'midi' else 'à midi'


def hhmm(t):
    return None if t is None else '%02d:%02d' % t


def next_occurrence(ref, month, day):
    for y in (ref.year, ref.year + 1):
        try:
            d = D(y, month, day)
        except ValueError:
            continue
        if d > ref:
            return d
    raise ValueError


# ----------------------------------------------------------------------------------------------
# MIME writing (by hand, to control charsets and transfer encodings)
# ----------------------------------------------------------------------------------------------
PYCS = {'utf-8': 'utf-8', 'iso-8859-1': 'latin-1', 'windows-1252': 'cp1252', 'us-ascii': 'ascii'}
LATIN1_FIX = str.maketrans({'œ': 'oe', 'Œ': 'Oe', '’': "'", '‘': "'", '…': '...', '–': '-', '—': '-',
                            '€': 'EUR', '“': '"', '”': '"', '\u202f': ' '})
_bcount = [0]


def boundary():
    _bcount[0] += 1
    style = rng.randrange(4)
    tok = ''.join(rng.choice('0123456789abcdef') for _ in range(16))
    if style == 0:
        return '----=_Part_%d_%s' % (_bcount[0], tok[:10])
    if style == 1:
        return '_%03d_%s_' % (_bcount[0], tok.upper())
    if style == 2:
        return '000000000000%s' % tok[:12]
    return 'Apple-Mail=_%s-%04d' % (tok.upper()[:12], _bcount[0])


def enc_text(text, cs):
    if cs == 'iso-8859-1':
        text = text.translate(LATIN1_FIX)
    return text.encode(PYCS[cs])


def encode_cte(raw, cte):
    if cte == 'quoted-printable':
        return quopri.encodestring(raw)
    if cte == 'base64':
        return base64.encodebytes(raw)
    return raw


class Part:
    def __init__(self, headers, body=b'', children=None, sub=None):
        self.headers = headers
        self.body = body
        self.children = children
        self.sub = sub
        self.boundary = boundary() if children is not None else None
        if children is not None:
            self.headers = [('Content-Type', 'multipart/%s; boundary="%s"' % (sub, self.boundary))] + headers

    def to_bytes(self):
        out = b''.join(('%s: %s\n' % (k, v)).encode('ascii') for k, v in self.headers) + b'\n'
        if self.children is not None:
            out += b'This is a multi-part message in MIME format.\n\n'
            for c in self.children:
                out += b'--' + self.boundary.encode() + b'\n' + c.to_bytes()
                if not out.endswith(b'\n'):
                    out += b'\n'
            out += b'--' + self.boundary.encode() + b'--\n'
        else:
            out += self.body
            if not out.endswith(b'\n'):
                out += b'\n'
        return out


def text_part(text, sub='plain', cs='utf-8', cte='quoted-printable', extra=''):
    if cte in ('7bit',):
        text.encode('ascii')
    raw = enc_text(text, cs)
    return Part([('Content-Type', 'text/%s; charset="%s"%s' % (sub, cs, extra)),
                 ('Content-Transfer-Encoding', cte)], encode_cte(raw, cte))


def fname_params(filename):
    try:
        filename.encode('ascii')
        return 'name="%s"' % filename, 'filename="%s"' % filename
    except UnicodeEncodeError:
        from urllib.parse import quote
        q = quote(filename.encode('utf-8'))
        return "name*=utf-8''%s" % q, "filename*=utf-8''%s" % q


def pdf_part(data, filename):
    n, f = fname_params(filename)
    return Part([('Content-Type', 'application/pdf; %s' % n),
                 ('Content-Disposition', 'attachment; %s' % f),
                 ('Content-Transfer-Encoding', 'base64')], base64.encodebytes(data))


def ics_attachment(ics, filename='invite.ics', method='REQUEST', ctype='text/calendar'):
    extra = '; charset="utf-8"; method=%s' % method if ctype == 'text/calendar' else ''
    return Part([('Content-Type', '%s%s; name="%s"' % (ctype, extra, filename)),
                 ('Content-Disposition', 'attachment; filename="%s"' % filename),
                 ('Content-Transfer-Encoding', 'base64')], base64.encodebytes(ics.encode('utf-8')))


def ics_alternative(ics, method='REQUEST', cte='quoted-printable'):
    return Part([('Content-Type', 'text/calendar; charset="utf-8"; method=%s' % method),
                 ('Content-Transfer-Encoding', cte)], encode_cte(ics.encode('utf-8'), cte))


def rfc822_part(msgbytes, filename):
    eight = any(b > 127 for b in msgbytes)
    return Part([('Content-Type', 'message/rfc822; name="%s"' % filename),
                 ('Content-Disposition', 'attachment; filename="%s"' % filename),
                 ('Content-Transfer-Encoding', '8bit' if eight else '7bit')], msgbytes)


def mp(sub, children):
    return Part([], children=children, sub=sub)


def hdr_text(s, cs='utf-8', name='Subject'):
    try:
        s.encode('ascii')
        return s
    except UnicodeEncodeError:
        if cs == 'iso-8859-1':
            s = s.translate(LATIN1_FIX)
        return Header(s, PYCS.get(cs, cs) if cs != 'iso-8859-1' else 'iso-8859-1',
                      header_name=name).encode(linesep='\n')


def addr(name, mail, cs='utf-8'):
    if not name:
        return mail
    if cs == 'iso-8859-1':
        name = name.translate(LATIN1_FIX)
    return formataddr((name, mail), charset='iso-8859-1' if cs == 'iso-8859-1' else 'utf-8')


def build_message(headers, root):
    lines = []
    for k, v in headers:
        try:
            v.encode('ascii')
        except UnicodeEncodeError:
            v = Header(v, 'utf-8', header_name=k).encode(linesep='\n')
        lines.append('%s: %s\n' % (k, v))
    lines.append('MIME-Version: 1.0\n')
    head = ''.join(lines).encode('ascii')
    return head + root.to_bytes()


# ----------------------------------------------------------------------------------------------
# PDF cards (hand-written PDF 1.4, Helvetica, WinAnsiEncoding, real text layer)
# ----------------------------------------------------------------------------------------------
def pdf_str(s):
    b = s.encode('cp1252')
    out = []
    for x in b:
        if x in (0x28, 0x29, 0x5c):
            out.append('\\' + chr(x))
        elif 32 <= x < 127:
            out.append(chr(x))
        else:
            out.append('\\%03o' % x)
    return '(' + ''.join(out) + ')'


def make_pdf(lines, title='Invitation', compress=False, page=(420, 595), creation='20260101100000'):
    """lines: list of None (gap) or (text, size, bold, align 'c'|'l')."""
    W, H = page
    y = H - 55
    ops = ['0.15 0.15 0.35 rg']
    for item in lines:
        if item is None:
            y -= 9
            continue
        text, size, bold, align = item
        maxc = int((W - 70) / (size * (0.56 if bold else 0.52)))
        prot = re.sub(r'(\d|1er) (?=(h|H|heures|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)',
                      '\\1\x00', text)
        prot = re.sub(r'\b(h|heures|à) (?=\d)', '\\1\x00', prot)
        for piece in ([p.replace('\x00', ' ') for p in textwrap.wrap(prot, maxc, break_on_hyphens=False)] or ['']):
            width = len(piece) * size * (0.56 if bold else 0.52)
            x = 40 if align == 'l' else max(30, (W - width) / 2)
            ops.append('BT /%s %g Tf %.1f %.1f Td %s Tj ET' % ('F2' if bold else 'F1', size, x, y, pdf_str(piece)))
            y -= size * 1.45
    content = '\n'.join(ops).encode('ascii')
    if compress:
        stream = zlib.compress(content)
        sd = '<< /Length %d /Filter /FlateDecode >>' % len(stream)
    else:
        stream = content
        sd = '<< /Length %d >>' % len(stream)
    objs = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        ('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> '
         '/Contents 4 0 R >>' % (W, H)).encode(),
        sd.encode() + b'\nstream\n' + stream + b'\nendstream',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
        ('<< /Title %s /Producer (agenda-dev generator) /CreationDate (D:%s) >>' % (pdf_str(title), creation)).encode(),
    ]
    out = b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += ('%d 0 obj\n' % i).encode() + o + b'\nendobj\n'
    xref = len(out)
    out += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)).encode()
    for o in offs:
        out += ('%010d 00000 n \n' % o).encode()
    out += ('trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)).encode()
    return out


def pdf_text(data):
    """Minimal text extraction of our own PDFs (for the self-check)."""
    m = re.search(rb'4 0 obj\n(<<.*?>>)\nstream\n', data, re.S)
    start = m.end()
    length = int(re.search(rb'/Length (\d+)', m.group(1)).group(1))
    stream = data[start:start + length]
    if b'FlateDecode' in m.group(1):
        stream = zlib.decompress(stream)
    s = stream.decode('latin-1')
    out, i = [], 0
    while i < len(s):
        if s[i] == '(':
            buf, i = bytearray(), i + 1
            while s[i] != ')':
                if s[i] == '\\':
                    if s[i + 1] in '()\\':
                        buf.append(ord(s[i + 1]))
                        i += 2
                    else:
                        buf.append(int(s[i + 1:i + 4], 8))
                        i += 4
                else:
                    buf.append(ord(s[i]))
                    i += 1
            out.append(buf.decode('cp1252'))
        i += 1
    return '\n'.join(out)


# ----------------------------------------------------------------------------------------------
# iCalendar
# ----------------------------------------------------------------------------------------------
VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

PRODIDS = ['-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
           '-//Google Inc//Google Calendar 70.9054//EN',
           '-//Apple Inc.//macOS 14.4//EN',
           '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
           '-//Zimbra//Zimbra Collaboration Suite//FR',
           '-//Ville//Agenda des manifestations//FR']


def ics_escape(s):
    return s.replace('\\', '\\\\').replace(';', '\\;').replace(',', '\\,').replace('\n', '\\n')


def ics_fold(line):
    b = line.encode('utf-8')
    if len(b) <= 75:
        return line
    parts, cur = [], ''
    limit = 75
    for ch in line:
        if len((cur + ch).encode('utf-8')) > limit:
            parts.append(cur)
            cur = ch
            limit = 74
        else:
            cur += ch
    parts.append(cur)
    return '\r\n '.join(parts)


def ics_dt(d, t, mode):
    if mode == 'utc':
        a = paris(d, t[0], t[1]).astimezone(dt.timezone.utc)
        return ':' + a.strftime('%Y%m%dT%H%M%SZ')
    return ';TZID=Europe/Paris:%04d%02d%02dT%02d%02d00' % (d.year, d.month, d.day, t[0], t[1])


def make_ics(method, uid, summary, start_d, start_t, end_d, end_t, location, description, organiser,
             mode='tzid', prodid=None, stamp=None, attendee=True, status=None, sequence=0):
    L = ['BEGIN:VCALENDAR', 'PRODID:%s' % (prodid or PRODIDS[0]), 'VERSION:2.0', 'CALSCALE:GREGORIAN',
         'METHOD:%s' % method]
    if mode == 'tzid':
        L += VTIMEZONE.split('\n')
    L += ['BEGIN:VEVENT', 'UID:%s' % uid, 'DTSTAMP:%s' % stamp.astimezone(dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')]
    if mode == 'date':
        L.append('DTSTART;VALUE=DATE:%s' % start_d.strftime('%Y%m%d'))
        L.append('DTEND;VALUE=DATE:%s' % ((end_d or start_d) + days(1)).strftime('%Y%m%d'))
    else:
        L.append('DTSTART' + ics_dt(start_d, start_t, mode))
        if end_t is not None:
            L.append('DTEND' + ics_dt(end_d or start_d, end_t, mode))
    L.append('SUMMARY:%s' % ics_escape(summary))
    if location is not None:
        L.append('LOCATION:%s' % ics_escape(location))
    if description:
        L.append('DESCRIPTION:%s' % ics_escape(description))
    L.append('ORGANIZER;CN="%s":mailto:%s' % (organiser[0], organiser[1]))
    if attendee:
        L.append('ATTENDEE;CN="Permanence du Sénateur";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:%s' % MAILBOX)
    L.append('SEQUENCE:%d' % sequence)
    L.append('STATUS:%s' % (status or ('CANCELLED' if method == 'CANCEL' else 'CONFIRMED')))
    L.append('TRANSP:OPAQUE')
    L += ['END:VEVENT', 'END:VCALENDAR']
    return '\r\n'.join(ics_fold(x) for x in L) + '\r\n'


# ----------------------------------------------------------------------------------------------
# Gazetteer slice: real Haute-Savoie communes with their current INSEE codes (checked against
# @etalab/decoupage-administratif, type "commune-actuelle"), and a few outside the département.
# ----------------------------------------------------------------------------------------------
COMMUNES = {
    'Annecy': ('74010', '74000'), 'Thonon-les-Bains': ('74281', '74200'), 'Annemasse': ('74012', '74100'),
    'Cluses': ('74081', '74300'), 'Sallanches': ('74256', '74700'), 'Rumilly': ('74225', '74150'),
    'Saint-Julien-en-Genevois': ('74243', '74160'), 'Bonneville': ('74042', '74130'),
    'Gaillard': ('74133', '74240'), 'La Roche-sur-Foron': ('74224', '74800'),
    'Vétraz-Monthoux': ('74298', '74100'), 'Passy': ('74208', '74190'), 'Fillière': ('74282', '74570'),
    'Ville-la-Grand': ('74305', '74100'), 'Poisy': ('74213', '74330'), 'Évian-les-Bains': ('74119', '74500'),
    'Scionzier': ('74264', '74950'), 'Epagny Metz-Tessy': ('74112', '74330'),
    'Chamonix-Mont-Blanc': ('74056', '74400'), 'Reignier-Ésery': ('74220', '74930'),
    'Saint-Pierre-en-Faucigny': ('74250', '74800'), 'Publier': ('74218', '74500'),
    'Cranves-Sales': ('74094', '74380'), 'Faverges-Seythenex': ('74123', '74210'),
    'Douvaine': ('74105', '74140'), 'Thônes': ('74280', '74230'), 'Marignier': ('74164', '74970'),
    'Sciez': ('74263', '74140'), 'Saint-Jorioz': ('74242', '74410'), 'Ambilly': ('74008', '74100'),
    'Bons-en-Chablais': ('74043', '74890'), 'Thyez': ('74278', '74300'), 'Marnaz': ('74169', '74460'),
    'Sillingy': ('74272', '74330'), 'Viry': ('74309', '74580'), 'Saint-Gervais-les-Bains': ('74236', '74170'),
    'Cruseilles': ('74096', '74350'), 'Valleiry': ('74288', '74520'), 'Allinges': ('74005', '74200'),
    'Viuz-en-Sallaz': ('74311', '74250'), 'Sevrier': ('74267', '74320'), 'Groisy': ('74137', '74570'),
    'Doussard': ('74104', '74210'), 'Les Houches': ('74143', '74310'), 'Taninges': ('74276', '74440'),
    'Saint-Jeoire': ('74241', '74490'), 'Megève': ('74173', '74120'), 'Alby-sur-Chéran': ('74002', '74540'),
    'Morzine': ('74191', '74110'), 'Samoëns': ('74258', '74340'), 'Le Grand-Bornand': ('74136', '74450'),
    'La Clusaz': ('74080', '74220'), 'Abondance': ('74001', '74360'), 'Boëge': ('74037', '74420'),
    'Frangy': ('74131', '74270'), 'Seyssel': ('74269', '74910'), 'Combloux': ('74083', '74920'),
    'Magland': ('74159', '74300'), 'Veyrier-du-Lac': ('74299', '74290'),
    'Talloires-Montmin': ('74275', '74290'), 'Menthon-Saint-Bernard': ('74176', '74290'),
    'Saint-Félix': ('74233', '74540'), 'Contamine-sur-Arve': ('74087', '74130'), 'Arenthon': ('74018', '74800'),
    'Mieussy': ('74183', '74440'), 'Lugrin': ('74154', '74500'), 'Châtel': ('74063', '74390'),
    'Les Gets': ('74134', '74260'), 'Yvoire': ('74315', '74140'), 'Saint-Gingolph': ('74237', '74500'),
    'Vallorcine': ('74290', '74660'), 'Collonges-sous-Salève': ('74082', '74160'),
    'Archamps': ('74016', '74160'), 'Étrembières': ('74118', '74100'), 'Bonne': ('74040', '74380'),
    'Sales': ('74255', '74150'), 'Cordon': ('74089', '74700'), 'Domancy': ('74103', '74700'),
    'Praz-sur-Arly': ('74215', '74120'), 'Servoz': ('74266', '74310'), 'Marin': ('74166', '74200'),
    'Val de Chaise': ('74167', '74210'), 'Arâches-la-Frasse': ('74014', '74300'),
}
# communes déléguées / associées named as places: (current commune, postal code)
DELEGUEES = {
    'Seynod': ('Annecy', '74600'), 'Cran-Gevrier': ('Annecy', '74960'), 'Meythet': ('Annecy', '74960'),
    'Annecy-le-Vieux': ('Annecy', '74940'), 'Pringy': ('Annecy', '74370'),
    'Thorens-Glières': ('Fillière', '74570'), 'Ésery': ('Reignier-Ésery', '74930'),
    'Marlens': ('Val de Chaise', '74210'),
}
OUTSIDE = {'Paris': ('75056', '75015'), 'Lyon': ('69123', '69002'), 'Chambéry': ('73065', '73000'),
           'Grenoble': ('38185', '38100')}


def code_of(name):
    if name in COMMUNES:
        return COMMUNES[name][0]
    if name in DELEGUEES:
        return COMMUNES[DELEGUEES[name][0]][0]
    return OUTSIDE[name][0]


def cp_of(name):
    if name in COMMUNES:
        return COMMUNES[name][1]
    if name in DELEGUEES:
        return DELEGUEES[name][1]
    return OUTSIDE[name][1]


def verify_cog(path):
    data = json.load(open(path, encoding='utf-8'))
    cur = {(x['nom'], x['code']): x for x in data if x.get('type') == 'commune-actuelle'}
    dele = {(x['nom'], x['code']): x for x in data if x.get('type') in ('commune-deleguee', 'commune-associee')}
    bad = []
    for n, (c, cp) in list(COMMUNES.items()) + list((k, (v[0], v[1])) for k, v in OUTSIDE.items()):
        x = cur.get((n, c))
        if not x or cp not in x.get('codesPostaux', []):
            bad.append((n, c, cp))
    for n, (parent, cp) in DELEGUEES.items():
        ok = [x for (nm, _), x in dele.items() if nm == n and x.get('chefLieu') == COMMUNES[parent][0]]
        if not ok:
            bad.append((n, parent))
    if bad:
        sys.exit('INSEE check failed: %r' % bad)
    print('INSEE codes checked against %s: %d communes, %d déléguées, %d outside' %
          (path, len(COMMUNES), len(DELEGUEES), len(OUTSIDE)))


def slug(name):
    import unicodedata
    t = unicodedata.normalize('NFKD', name.lower().replace('œ', 'oe'))
    t = ''.join(c for c in t if not unicodedata.combining(c))
    t = t.replace("'", '').replace('’', '').replace(' ', '-')
    return re.sub('[^a-z0-9.-]', '', t)


def de_commune(name):
    """« de Cluses », « du Grand-Bornand », « des Houches », « de La Roche-sur-Foron »."""
    if name.startswith('Le '):
        return 'du ' + name[3:]
    if name.startswith('Les '):
        return 'des ' + name[4:]
    if name[0] in 'AEÉIOUYÂ':
        return "d'" + name
    return 'de ' + name


def a_commune(name):
    if name.startswith('Le '):
        return 'au ' + name[3:]
    if name.startswith('Les '):
        return 'aux ' + name[4:]
    return 'à ' + name


# ----------------------------------------------------------------------------------------------
# People
# ----------------------------------------------------------------------------------------------
PRENOMS_M = ['Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Patrick', 'Nicolas', 'Christophe', 'Éric',
             'Laurent', 'Frédéric', 'Stéphane', 'Olivier', 'David', 'Thierry', 'Pascal', 'Bernard', 'Daniel',
             'Gérard', 'Sébastien', 'Julien', 'François', 'Jean-Pierre', 'Jean-Marc', 'Jean-Luc', 'Marc',
             'Denis', 'Christian', 'Gilles', 'Yves', 'Bruno', 'Hervé', 'Joël', 'Guy', 'Lionel', 'Serge',
             'Cédric', 'Mathieu', 'Loïc', 'André', 'René', 'Roland', 'Fabrice', 'Vincent', 'Antoine']
PRENOMS_F = ['Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Christine', 'Véronique', 'Sandrine',
             'Valérie', 'Anne', 'Martine', 'Monique', 'Françoise', 'Chantal', 'Brigitte', 'Céline', 'Stéphanie',
             'Aurélie', 'Émilie', 'Sophie', 'Laurence', 'Corinne', 'Hélène', 'Agnès', 'Béatrice', 'Josiane',
             'Annie', 'Mireille', 'Odile', 'Élodie', 'Julie', 'Marion', 'Pascale', 'Danielle', 'Florence',
             'Karine', 'Laetitia', 'Marie-Claude', 'Anne-Sophie', 'Geneviève']
NOMS = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
        'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
        'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
        'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin', 'Morin',
        'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson',
        'Pollet', 'Duret', 'Bouvier', 'Favre', 'Mugnier', 'Dunand', 'Bochet', 'Excoffier', 'Perrillat',
        'Jacquier', 'Gaillard', 'Ducret', 'Mermillod', 'Burnier', 'Baud', 'Tissot', 'Rey', 'Chappaz', 'Dupraz',
        'Cusin', 'Métral', 'Avet', 'Berthet', 'Socquet', 'Collomb', 'Pernollet', 'Bibollet', 'Gay', 'Bel',
        'Dupuis', 'Vuarchex', 'Ramel', 'Mouthon', 'Pasquier', 'Grillet', 'Bocquet']


class Person:
    def __init__(self, prenom, nom, sexe):
        self.prenom, self.nom, self.sexe = prenom, nom, sexe

    @property
    def full(self):
        return '%s %s' % (self.prenom, self.nom)

    @property
    def formal(self):
        return '%s %s' % (self.prenom, self.nom.upper())

    @property
    def civ(self):
        return 'M.' if self.sexe == 'M' else 'Mme'

    @property
    def email_local(self):
        return slug(self.prenom).replace('-', '') + '.' + slug(self.nom)


def person(sexe=None):
    sexe = sexe or rng.choice('MMF')
    return Person(rng.choice(PRENOMS_M if sexe == 'M' else PRENOMS_F), rng.choice(NOMS), sexe)


MAYORS = {}


def mayor(commune):
    if commune not in MAYORS:
        MAYORS[commune] = person(rng.choice('MMMF'))
    return MAYORS[commune]


def phone(mobile=False):
    p = '06' if mobile else rng.choice(['04 50', '04 50', '04 50', '04 56'])
    n = 4 if mobile else 3
    return p + ''.join(' %02d' % rng.randrange(100) for _ in range(n))


PROVIDERS = ['orange-exemple.fr', 'gmail-exemple.com', 'wanadoo-exemple.fr', 'free-exemple.fr',
             'laposte-exemple.net', 'sfr-exemple.fr', 'hotmail-exemple.fr']


def town_mail(commune, local=None):
    s = slug(commune)
    pat = rng.randrange(5)
    local = local or rng.choice(['mairie', 'accueil', 'secretariat', 'cabinet.maire', 'protocole', 'contact'])
    return ['%s@%s-exemple.fr' % (local, s), '%s@ville-%s.exemple.fr' % (local, s),
            '%s@mairie-%s.exemple.fr' % (local, s), '%s@%s.exemple.fr' % (local, s),
            '%s@commune-%s.exemple.fr' % (local, s)][pat]


def private_mail(p):
    return '%s@%s' % (p.email_local, rng.choice(PROVIDERS))


STREETS = ["place de l'Hôtel-de-Ville", 'rue de la Mairie', 'place de la Mairie', 'avenue de Genève',
           'rue du Pont', 'route des Aravis', 'chemin des Écoliers', 'rue Centrale', "place de l'Église",
           'rue des Écoles', 'avenue de la Gare', 'rue du Lac', 'route de Thonon', 'rue Sommeiller',
           'chemin de la Fruitière', 'rue des Tilleuls', 'allée des Sports', 'rue du Stade', 'avenue des Alpes',
           'rue de la Poste', 'impasse du Moulin', 'place du Marché', 'rue Carnot', 'avenue de Savoie']
DATE_STREETS = ['avenue du 8-Mai-1945', 'rue du 11-Novembre-1918', 'place du 19-Mars-1962',
                'avenue du 18-Juin-1940', 'rue du 14-Juillet', 'rue du 4-Septembre', 'place du 8-Mai',
                'rue du 1er-Mai']


def street(date_like=False):
    return '%d %s' % (rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 15, 18, 21, 24, 27, 30, 33, 41, 52, 68, 112]),
                      rng.choice(DATE_STREETS if date_like else STREETS))


# ----------------------------------------------------------------------------------------------
# Grammar helpers
# ----------------------------------------------------------------------------------------------
def A(np):
    art, rest = np
    return {'le': 'au ', 'les': 'aux ', 'la': 'à la ', "l'": "à l'"}[art] + rest


def DE(np):
    art, rest = np
    return {'le': 'du ', 'les': 'des ', 'la': 'de la ', "l'": "de l'"}[art] + rest


def LORS(np):
    return 'lors ' + DE(np)


def POUR(np):
    return 'pour ' + THE(np)


def THE(np):
    art, rest = np
    return (art + rest) if art == "l'" else (art + ' ' + rest)


def cap(s):
    if s and s[0] == '\x01':
        return '\x01' + cap(s[1:])
    return s[:1].upper() + s[1:] if s else s


def low(s):
    return s[:1].lower() + s[1:] if s else s


def addmin(t, n):
    m = t[0] * 60 + t[1] + n
    return (m // 60, m % 60)


PREP = {'A': A, 'LORS': LORS, 'POUR': POUR}


# ----------------------------------------------------------------------------------------------
# Organisations
# ----------------------------------------------------------------------------------------------
class Org:
    def __init__(self, **kw):
        self.sig_commune = True
        self.__dict__.update(kw)


def gender_of(p):
    return 'ms' if p.sexe == 'M' else 'fs'


def org_mairie(commune):
    p = mayor(commune)
    de = de_commune(commune)
    name = rng.choice(['Mairie', 'Mairie', 'Ville', 'Commune']) + ' ' + de
    subj = rng.choice([('Le Maire ' + de if p.sexe == 'M' else 'Madame le Maire ' + de, gender_of(p)),
                       ('Le Maire et le Conseil municipal ' + de, 'mp'),
                       ('La municipalité ' + de, 'fs'),
                       ('%s, Maire %s, et le Conseil municipal' % (p.full, de), 'mp')])
    o = Org(kind='mairie', commune=commune, person=p, name=name, role='Maire ' + de, subj=subj[0], g=subj[1],
            email=town_mail(commune), phone=phone(), address='%s, %s %s' % (street(), cp_of(commune), commune),
            label='%s (%s, maire)' % (name, p.full), sender_name=rng.choice([name, p.full, 'Secrétariat ' + name]))
    sec = person('F' if rng.random() < 0.8 else 'M')
    o.sigs = [
        '%s\nMaire %s\n\n%s\n%s\nTél. %s' % (p.full, de, name, o.address, o.phone),
        '%s\nMaire %s' % (p.formal, de),
        'Pour le Maire,\n%s\nSecrétariat du Maire\n%s – %s\n%s' % (sec.full, name, o.address, o.phone),
        '%s\n%s %s\n%s' % (p.full, 'Maire' if p.sexe == 'M' else 'Maire', de, o.address),
        'Le Maire,\n%s\n\n--\n%s | %s | %s' % (p.formal, name, o.address, o.email),
    ]
    o.cover_signer = '%s\nSecrétariat du Maire\n%s' % (sec.full, name)
    return o


ASSOS = [('le', 'Comité des fêtes', 'm'), ("l'", 'Union des commerçants et artisans', 'f'),
         ('le', 'Club des aînés « Les Edelweiss »', 'm'), ("l'", 'ADMR', 'f'), ("l'", 'Harmonie municipale', 'f'),
         ("l'", 'Amicale des donneurs de sang bénévoles', 'f'), ('le', 'Ski-club', 'm'), ('le', 'Sou des écoles', 'm'),
         ("l'", 'association Patrimoine et Traditions', 'f'), ('le', 'Football-club', 'm'),
         ('la', 'Société de musique « L’Écho du Môle »', 'f'), ('le', 'Comité de jumelage', 'm'),
         ('la', 'section UNC', 'f'), ('le', 'comité FNACA', 'm'), ('la', 'Chorale « La Clé des chants »', 'f'),
         ('le', 'Club de l’amitié', 'm'), ('le', 'Tennis-club', 'm'), ("l'", 'Association des parents d’élèves', 'f'),
         ("l'", 'Amicale des anciens sapeurs-pompiers', 'f'), ('le', 'Comité du Souvenir français', 'm')]


def org_asso(commune, which=None):
    a = which or rng.choice(ASSOS)
    p = person()
    name_np = (a[0], '%s %s' % (a[1], de_commune(commune)))
    name = cap(THE(name_np))
    pres = 'Président' if p.sexe == 'M' else 'Présidente'
    subj = rng.choice([('%s %s' % ('Le Président' if p.sexe == 'M' else 'La Présidente', DE(name_np)), gender_of(p)),
                       (name, a[2] + 's'),
                       ('Le bureau ' + DE(name_np), 'ms'),
                       ('%s et les membres %s' % ('Le Président' if p.sexe == 'M' else 'La Présidente', DE(name_np)), 'mp')])
    local = slug(a[1].split('«')[0].strip()).replace('-', '').replace('’', '')[:18]
    mail = '%s.%s@%s' % (re.sub('[^a-z]', '', local), re.sub('[^a-z]', '', slug(commune)), rng.choice(PROVIDERS))
    o = Org(kind='asso', commune=commune, person=p, name=name, name_np=name_np, role='%s %s' % (pres, DE(name_np)),
            subj=subj[0], g=subj[1], email=mail, phone=phone(mobile=True),
            address='%s, %s %s' % (street(), cp_of(commune), commune),
            label='%s (%s, %s)' % (name, p.full, pres.lower()), sender_name=rng.choice([name, p.full]))
    o.sigs = ['%s\n%s %s\n%s\n%s' % (p.full, pres, DE(name_np), o.address, o.phone),
              'Pour le bureau,\n%s, %s\n%s – %s' % (p.full, pres.lower(), name, commune),
              '%s\n%s\n%s' % (p.full, name, o.phone),
              '%s %s\n%s %s\nSiège : Maison des associations, %s %s' % (p.prenom, p.nom.upper(), pres, DE(name_np),
                                                                         cp_of(commune), commune)]
    o.cover_signer = '%s\n%s' % (p.full, name)
    return o


def org_pompiers(commune):
    p = person('M' if rng.random() < 0.8 else 'F')
    grade = rng.choice(['Capitaine', 'Lieutenant', 'Commandant', 'Lieutenant'])
    de = de_commune(commune)
    name = rng.choice(["Centre d'incendie et de secours %s" % de, 'Amicale des sapeurs-pompiers %s' % de])
    subj = rng.choice([('Le chef de centre et les sapeurs-pompiers %s' % de, 'mp'),
                       ("L'Amicale des sapeurs-pompiers %s" % de, 'fs'),
                       ('Le %s %s, chef du centre de secours %s,' % (grade, p.full, de), gender_of(p))])
    o = Org(kind='pompiers', commune=commune, person=p, name=name, role='Chef de centre', subj=subj[0], g=subj[1],
            email='cis.%s@sdis74-exemple.fr' % slug(commune), phone=phone(),
            address='%s, %s %s' % (street(), cp_of(commune), commune),
            label='%s (%s %s, chef de centre)' % (name, grade, p.full), sender_name=name)
    o.sigs = ['%s %s\nChef du CIS %s\nSDIS de la Haute-Savoie\n%s' % (grade, p.full, de, o.address),
              '%s %s\nChef de centre – CIS %s\nTél. %s' % (grade, p.formal, commune, o.phone)]
    o.cover_signer = 'Le secrétariat du CIS %s' % commune
    return o


COMPANIES = [('la', 'société Décolletages Mugnier & Fils', 'fs', 'PDG'), ('la', 'Fromagerie coopérative des Aravis', 'fs', 'Directeur'),
             ('la', 'Scierie Dunand', 'fs', 'Gérant'), ('les', 'Transports Morel', 'mp', 'PDG'),
             ("l'", 'entreprise Bochet Menuiserie', 'fs', 'Gérant'), ('le', 'groupe Perrillat Industrie', 'ms', 'Président'),
             ('la', 'Coopérative fruitière du Chablais', 'fs', 'Président'), ('les', 'Laboratoires Vuarchex', 'mp', 'Directeur'),
             ('la', 'société Alp’Usinage', 'fs', 'Directeur'), ('les', 'Établissements Burnier Frères', 'mp', 'PDG')]


def org_company(commune):
    c = rng.choice(COMPANIES)
    p = person()
    name = cap(THE((c[0], c[1])))
    role = c[3] + ('' if p.sexe == 'M' or c[3] == 'PDG' else 'e' if c[3] != 'Directeur' else '') if c[3] != 'Directeur' else ('Directeur' if p.sexe == 'M' else 'Directrice')
    dom = re.sub('[^a-z]', '', slug(c[1].split()[-1])) + '-exemple.fr'
    o = Org(kind='entreprise', commune=commune, person=p, name=name, role=role,
            subj=rng.choice([(name, c[2]), ('%s, %s %s,' % (p.full, role, DE((c[0], c[1]))), gender_of(p))])[0], g=None,
            email='%s@%s' % (p.email_local, dom), phone=phone(), address='ZA des Grands Prés, %s %s' % (cp_of(commune), commune),
            label='%s (%s, %s)' % (name, p.full, role), sender_name=p.full)
    o.g = c[2] if o.subj == name else gender_of(p)
    o.sigs = ['%s\n%s – %s\n%s\nTél. %s' % (p.full, role, name, o.address, o.phone),
              '%s | %s\n%s\n%s' % (p.full, role, name, o.address)]
    o.cover_signer = '%s\nAssistante de direction – %s' % (person('F').full, name)
    return o


INTERCOS = [('la', 'Communauté de communes des Vallées de Thônes', 'Thônes'), ('le', 'Grand Annecy', 'Annecy'),
            ("l'", 'agglomération Thonon Agglomération', 'Thonon-les-Bains'),
            ('la', 'Communauté de communes Arve et Salève', 'Reignier-Ésery'),
            ('la', 'Communauté de communes du Pays Rochois', 'La Roche-sur-Foron'),
            ('la', 'Communauté de communes Cluses Arve et Montagnes', 'Cluses'),
            ('la', 'Communauté de communes du Genevois', 'Archamps'),
            ('la', 'Communauté de communes Faucigny-Glières', 'Bonneville')]


def org_interco(which=None):
    c = which or rng.choice(INTERCOS)
    p = person()
    pres = 'Président' if p.sexe == 'M' else 'Présidente'
    name = cap(THE((c[0], c[1])))
    commune = c[2]
    o = Org(kind='interco', commune=commune, person=p, name=name, role='%s %s' % (pres, DE((c[0], c[1]))),
            subj=rng.choice([('%s %s' % ('Le Président' if p.sexe == 'M' else 'La Présidente', DE((c[0], c[1]))), gender_of(p)),
                             ('%s et le Conseil communautaire' % ('Le Président' if p.sexe == 'M' else 'La Présidente'), 'mp')])[0],
            g=None, email='cabinet@%s.exemple.fr' % re.sub('[^a-z]', '', slug(c[1].split()[-1])), phone=phone(),
            address='%s, %s %s' % (street(), cp_of(commune), commune), label='%s (%s, %s)' % (name, p.full, pres.lower()),
            sender_name='Cabinet du %s' % pres if p.sexe == 'M' else 'Cabinet de la Présidente')
    o.g = 'mp' if 'Conseil' in o.subj else gender_of(p)
    o.sigs = ['%s\n%s %s\n%s' % (p.full, pres, DE((c[0], c[1])), o.address),
              'Cabinet du Président\n%s\n%s\n%s' % (name, o.address, o.phone)]
    o.cover_signer = 'Cabinet – %s' % name
    return o


INSTITUTIONS = [
    ('la', 'Préfecture de la Haute-Savoie', 'Annecy', 'Le Préfet de la Haute-Savoie', 'ms', 'Préfet de la Haute-Savoie', 'M'),
    ('le', 'Conseil départemental de la Haute-Savoie', 'Annecy', 'Le Président du Conseil départemental de la Haute-Savoie', 'ms', 'Président du Conseil départemental', 'M'),
    ('la', 'Chambre d’agriculture Savoie Mont-Blanc', 'Annecy', 'Le Président de la Chambre d’agriculture Savoie Mont-Blanc', 'ms', 'Président', 'M'),
    ('la', 'CCI Haute-Savoie', 'Annecy', 'La Présidente de la CCI Haute-Savoie', 'fs', 'Présidente', 'F'),
    ("l'", 'Association des maires de la Haute-Savoie', 'Annecy', 'Le Président de l’Association des maires de la Haute-Savoie', 'ms', 'Président', 'M'),
    ("l'", 'Union départementale des sapeurs-pompiers de la Haute-Savoie', 'Annecy', 'Le Président de l’Union départementale des sapeurs-pompiers', 'ms', 'Président', 'M'),
    ("l'", 'Office national des anciens combattants – service de la Haute-Savoie', 'Annecy', 'La directrice du service départemental de l’ONaCVG', 'fs', 'Directrice', 'F'),
]


def org_institution(i=None):
    c = INSTITUTIONS[i] if i is not None else rng.choice(INSTITUTIONS)
    p = person(c[6])
    name = cap(THE((c[0], c[1])))
    o = Org(kind='institution', commune=c[2], person=p, name=name, role=c[5], subj=c[3], g=c[4],
            email='protocole@%s.exemple.fr' % re.sub('[^a-z]', '', slug(c[1].split()[0] + c[1].split()[-1]))[:24],
            phone=phone(), address='%s, %s %s' % (street(), cp_of(c[2]), c[2]),
            label='%s (%s, %s)' % (name, p.full, c[5]), sender_name='Protocole – ' + name)
    o.sigs = ['Service du protocole\n%s\n%s\nTél. %s' % (name, o.address, o.phone),
              '%s\n%s\n%s' % (p.full, c[5], name)]
    o.cover_signer = 'Service du protocole\n%s' % name
    return o


OUTSIDE_ORGS = {
    'Paris': dict(name="Association des maires de la Haute-Savoie", subj="Le Président de l’Association des maires de la Haute-Savoie",
                  g='ms', commune='Annecy', hall=('le', 'stand de la Haute-Savoie, hall 2.2, Paris Expo'),
                  address='1 place de la Porte de Versailles'),
    'Lyon': dict(name='Région Auvergne-Rhône-Alpes', subj='Le Président du Conseil régional Auvergne-Rhône-Alpes',
                 g='ms', commune='Lyon', hall=("l'", 'Hôtel de Région'), address='1 esplanade François-Mitterrand'),
    'Chambéry': dict(name='Fédération des alpagistes des Savoie', subj='La Fédération des alpagistes des Savoie', g='fs',
                     commune='Chambéry', hall=('le', 'Centre de congrès Le Manège'), address='331 rue de la République'),
    'Grenoble': dict(name='Association des élus de la montagne alpine', subj='L’Association des élus de la montagne alpine',
                     g='fs', commune='Grenoble', hall=("l'", 'espace Alpexpo'), address="avenue d'Innsbruck"),
}


def org_outside(city):
    c = OUTSIDE_ORGS[city]
    p = person()
    commune = c['commune']
    o = Org(kind='outside', commune=commune, person=p, name=c['name'], role='Président' if p.sexe == 'M' else 'Présidente',
            subj=c['subj'], g=c['g'], email='evenements@%s.exemple.fr' % re.sub('[^a-z]', '', slug(c['name']))[:22],
            phone='04 %02d %02d %02d %02d' % tuple(rng.randrange(100) for _ in range(4)),
            address='%s, %s %s' % (street(), cp_of(commune), commune), label='%s (%s)' % (c['name'], p.full),
            sender_name=c['name'])
    o.sigs = ['%s\nService événementiel – %s\n%s' % (person().full, c['name'], o.address)]
    o.cover_signer = 'Service événementiel – %s' % c['name']
    return o


def make_org(kind, commune):
    if kind == 'mairie':
        return org_mairie(commune)
    if kind == 'asso':
        return org_asso(commune)
    if kind == 'pompiers':
        return org_pompiers(commune)
    if kind == 'entreprise':
        return org_company(commune)
    raise ValueError(kind)


# ----------------------------------------------------------------------------------------------
# Events
# ----------------------------------------------------------------------------------------------
class Ev:
    def __init__(self, **kw):
        self.end_date = None
        self.start = None
        self.end = None
        self.programme = None
        self.notes = None
        self.rsvp_by = None
        self.rsvp_contact = None
        self.weekday_mismatch = False
        self.ambiguous = False
        self.amb_time = False
        self.hall = None
        self.address = None
        self.commune = None
        self.implied = False
        self.place_override = None
        self.__dict__.update(kw)

    def label_start(self):
        if self.amb_time:
            return None
        if self.programme:
            return self.programme[0][0]
        return self.start

    def code(self):
        return code_of(self.commune) if self.commune else None

    def place_label(self):
        if self.place_override:
            return self.place_override
        bits = []
        if self.hall:
            bits.append(cap(self.hall[1]))
        if self.address:
            bits.append(self.address)
        if self.commune:
            c = self.commune
            if c in DELEGUEES:
                c = '%s %s (%s)' % (cp_of(c), c, DELEGUEES[c][0])
            else:
                c = '%s %s' % (cp_of(c), c)
            bits.append(c)
        return ', '.join(bits)

    def label(self):
        st = self.label_start()
        return dict(title=self.title, date=self.date.isoformat(),
                    end_date=self.end_date.isoformat() if self.end_date else None,
                    start=hhmm(st), end=hhmm(self.end),
                    all_day=bool(st is None and not self.ambiguous),
                    place=self.place_label(), commune_code=self.code(), organiser=self.organiser,
                    rsvp_by=self.rsvp_by.isoformat() if self.rsvp_by else None, rsvp_contact=self.rsvp_contact,
                    notes=self.notes, weekday_mismatch=self.weekday_mismatch, ambiguous=self.ambiguous)


HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}


def rand_day(year, m1, d1, m2, d2, weekdays):
    a, b = D(year, m1, d1), D(year, m2, d2)
    cands = [a + days(i) for i in range((b - a).days + 1)
             if (a + days(i)).weekday() in weekdays and ((a + days(i)).month, (a + days(i)).day) not in HOLIDAYS]
    return rng.choice(cands)


ESPACES = ['Espace Agora', 'Espace des Voirons', 'Espace du Lac', 'Espace Rencontre', 'Espace des Allobroges',
           'Espace Mont-Blanc', 'Espace culturel Les Tilleuls', 'Espace Léman', 'Espace des Aravis', 'Espace Salève']
SALLES = ['salle Jean-Moulin', 'salle Michel-Favre', 'salle des Glières', 'salle Paul-Guillot', 'salle Léon-Bouvier',
          'salle Marie-Curie', 'salle du Vieux Moulin', 'salle Saint-Exupéry', 'salle du Môle', 'salle La Grange']


def hall_generic():
    r = rng.randrange(6)
    if r == 0:
        return ('la', 'salle des fêtes')
    if r == 1:
        return ('la', 'salle polyvalente')
    if r == 2:
        return ("l'", rng.choice(ESPACES))
    if r == 3:
        return ('la', rng.choice(SALLES))
    if r == 4:
        return ('le', 'centre culturel ' + rng.choice(['Le Savoie', 'Les Allobroges', 'La Tournette', 'Le Parvis']))
    return ('la', 'Maison des associations')


INAUG_OBJECTS = [
    (('la', 'nouvelle médiathèque'), ('la', 'médiathèque'), 'Inauguration de la médiathèque'),
    (('le', 'groupe scolaire des Tilleuls'), ('le', 'groupe scolaire des Tilleuls'), 'Inauguration du groupe scolaire'),
    (('la', 'maison de santé pluriprofessionnelle'), ('la', 'maison de santé'), 'Inauguration de la maison de santé'),
    (('la', 'passerelle piétonne sur l’Arve'), ('la', 'passerelle'), 'Inauguration de la passerelle'),
    (('le', 'nouveau gymnase'), ('le', 'gymnase'), 'Inauguration du gymnase'),
    (('la', 'nouvelle caserne des sapeurs-pompiers'), ('la', 'caserne des sapeurs-pompiers'), 'Inauguration de la caserne'),
    (('la', 'chaufferie bois et du réseau de chaleur'), ('la', 'chaufferie bois'), 'Inauguration de la chaufferie bois'),
    (('le', 'city-stade'), ('le', 'city-stade, derrière l’école'), 'Inauguration du city-stade'),
    (('la', 'halle du marché rénovée'), ('la', 'halle du marché'), 'Inauguration de la halle du marché'),
    (('la', 'crèche « Les P’tits Loups »'), ('la', 'crèche'), 'Inauguration de la crèche'),
    (('le', 'pôle enfance-jeunesse'), ('le', 'pôle enfance-jeunesse'), 'Inauguration du pôle enfance-jeunesse'),
    (('la', 'voie verte du Chablais'), ('le', 'parking de la gare'), 'Inauguration de la voie verte'),
    (("l'", 'école de musique'), ("l'", 'école de musique'), 'Inauguration de l’école de musique'),
    (('la', 'nouvelle station d’épuration'), ('la', 'station d’épuration'), 'Inauguration de la station d’épuration'),
    (('le', 'terrain de football synthétique'), ('le', 'stade municipal'), 'Inauguration du terrain synthétique'),
    (('la', 'mairie rénovée'), ("l'", 'hôtel de ville'), 'Inauguration de la mairie rénovée'),
    (('les', 'nouveaux locaux de la gendarmerie'), ('la', 'gendarmerie'), 'Inauguration des locaux de la gendarmerie'),
    (('le', 'cinéma Le Rex rénové'), ('le', 'cinéma Le Rex'), 'Inauguration du cinéma'),
]

PIERRE_OBJECTS = [
    (('le', 'futur EHPAD'), ('le', 'chantier du futur EHPAD'), 'Pose de la première pierre de l’EHPAD'),
    (('la', 'future salle multisports'), ('le', 'chantier de la salle multisports'), 'Première pierre de la salle multisports'),
    (('le', 'nouveau collège'), ('le', 'terrain du futur collège'), 'Première pierre du collège'),
    (('la', 'résidence seniors « Les Primevères »'), ('le', 'chantier de la résidence'), 'Première pierre de la résidence seniors'),
]

AG_ASSOS = [a for a in ASSOS if a[1] not in ('section UNC',)]
FETES = [
    (('la', 'fête du village'), 'Fête du village', ('la', 'place du village')),
    (('la', 'foire artisanale'), 'Foire artisanale', ('le', 'champ de foire')),
    (('la', 'fête des alpages'), 'Fête des alpages', ('le', 'site des alpages')),
    (('le', 'festival « Les Arts dans la rue »'), 'Festival Les Arts dans la rue', ('le', 'centre-ville')),
    (('la', 'fête du lac'), 'Fête du lac', ('le', 'port')),
    (('le', 'salon du livre de montagne'), 'Salon du livre de montagne', ("l'", 'Espace culturel')),
    (('la', 'foire agricole'), 'Foire agricole', ('la', 'place du Marché')),
    (('la', 'désalpe'), 'Désalpe', ('la', 'place de l’Église')),
]
SPECTACLES = [
    (('le', 'concert de printemps de l’Harmonie'), 'Concert de printemps', ("l'", 'église Saint-Maurice')),
    (('le', 'gala annuel de l’école de danse'), 'Gala de danse', ('le', 'théâtre municipal')),
    (('la', 'soirée de gala des 40 ans du Ski-club'), 'Soirée de gala du Ski-club', ('la', 'salle des fêtes')),
    (('le', 'concert du Souvenir'), 'Concert du Souvenir', ("l'", 'église')),
    (('la', 'soirée théâtrale des Tréteaux'), 'Soirée théâtrale', ('la', 'salle polyvalente')),
]
ANNIVERSAIRES = [
    (('le', '30e anniversaire du jumelage'), 'Anniversaire du jumelage', 'asso'),
    (('le', '50e anniversaire de notre entreprise'), '50 ans de l’entreprise', 'entreprise'),
    (('le', 'centenaire de la fanfare'), 'Centenaire de la fanfare', 'asso'),
    (('les', '40 ans du club'), '40 ans du club', 'asso'),
    (('les', '25 ans de la fromagerie'), '25 ans de la fromagerie', 'entreprise'),
]
MEDAILLES = [
    (('la', 'cérémonie de remise des médailles de la famille'), 'Remise des médailles de la famille'),
    (('la', 'remise des prix du concours des maisons fleuries'), 'Remise des prix des maisons fleuries'),
    (("l'", 'accueil des nouveaux habitants'), 'Accueil des nouveaux habitants'),
    (('la', 'cérémonie de citoyenneté des jeunes électeurs'), 'Cérémonie de citoyenneté'),
    (('la', 'remise des médailles d’honneur régionales, départementales et communales'), 'Remise des médailles d’honneur'),
]
NOTES_CEREMONY = ['Port des décorations souhaité.', 'Port des décorations pendantes.', 'Tenue de ville.',
                  'Les élus sont invités à porter leur écharpe.',
                  'Un dépôt de gerbe est prévu : merci de nous indiquer si vous souhaitez déposer une gerbe.']
NOTES_OTHER = ['Tenue de ville.', 'Tenue correcte exigée.', 'Une place de stationnement vous sera réservée devant la mairie.',
               'Prévoir de bonnes chaussures.', 'Tenue de ville, port de l’écharpe pour les élus.']


# ----------------------------------------------------------------------------------------------
# Rendering of dates, times and places as people write them
# ----------------------------------------------------------------------------------------------
def date_phrase(ev, ds, article=True):
    d = ev.date
    if ev.end_date:
        d2 = ev.end_date
        same = d.month == d2.month
        if (d2 - d).days == 1 and ds != 'span_du':
            if same:
                s = 'les %s %s et %s %s %s' % (WD[d.weekday()], jour(d), WD[d2.weekday()], jour(d2), MO[d2.month - 1])
            else:
                s = 'les %s %s %s et %s %s %s' % (WD[d.weekday()], jour(d), MO[d.month - 1], WD[d2.weekday()], jour(d2), MO[d2.month - 1])
        else:
            if same:
                s = 'du %s %s au %s %s %s' % (WD[d.weekday()], jour(d), WD[d2.weekday()], jour(d2), MO[d2.month - 1])
            else:
                s = 'du %s %s %s au %s %s %s' % (WD[d.weekday()], jour(d), MO[d.month - 1], WD[d2.weekday()], jour(d2), MO[d2.month - 1])
        if not ev.span_noyear:
            s += ' %d' % d2.year
        return s if article else s.split(' ', 1)[1] if s.startswith('les ') else s
    if ds == 'full':
        s = fr_date(d)
    elif ds == 'full_prochain':
        s = fr_date(d, year=False) + ' prochain'
    elif ds == 'noyear':
        s = fr_date(d, year=False)
    elif ds == 'nowd':
        s = fr_date(d, weekday=False)
    elif ds == 'nowd_noyear':
        s = fr_date(d, weekday=False, year=False)
    elif ds == 'num_short':
        s = ev.numfmt % (d.day, d.month)
    elif ds == 'num_full':
        s = (ev.numfmt + '/%d') % (d.day, d.month, d.year)
    elif ds == 'num_wd':
        s = WD[d.weekday()] + ' ' + ev.numfmt % (d.day, d.month)
    elif ds == 'relative':
        return '%s prochain' % WD[d.weekday()]
    elif ds == 'month_omitted':
        return ('ce %s %s' if article else '%s %s') % (WD[d.weekday()], jour(d))
    elif ds == 'mismatch':
        s = fr_date(d, wd=ev.wrong_wd, year=not ev.mismatch_noyear)
    else:
        raise ValueError(ds)
    return ('le ' + s) if article else s


def time_phrase(ev, ts, tf):
    s, e = ev.start, ev.end
    if s is None or tf == 'none':
        return ''
    if tf == 'at':
        return a_time(s, ts)
    if tf == 'from':
        return 'à partir de ' + fr_time(s, ts)
    if tf == 'des':
        return 'dès ' + fr_time(s, ts)
    if tf == 'de_a':
        return 'de %s à %s' % (fr_time(s, ts), fr_time(e, ts))
    if tf == 'dash':
        return '%s-%s' % (fr_time(s, ts), fr_time(e, ts))
    if tf == 'entre':
        return 'entre %s et %s' % (fr_time(s, ts), fr_time(e, ts))
    if tf == 'fin':
        return '%s (fin prévue %s)' % (a_time(s, ts), a_time(e, ts))
    raise ValueError(tf)


def when_phrase(ev, st, with_time=True):
    dp = date_phrase(ev, st['d'])
    tp = time_phrase(ev, st['t'], st['tf']) if with_time else ''
    if not tp:
        return dp
    if st['tf'] == 'dash':
        return dp + ', ' + tp
    return dp + ' ' + tp


def where_phrase(ev, ps):
    h, c = ev.hall, ev.commune
    if ps == 'hall_de':
        return A(h) + ' ' + de_commune(c)
    if ps == 'hall_paren':
        return '%s (%s)' % (A(h), c)
    if ps == 'hall_addr':
        return '%s, %s, %s %s' % (A(h), ev.address, cp_of(c), c)
    if ps == 'hall_a':
        return '%s, %s' % (A(h), a_commune(c))
    if ps == 'implied':
        return A(h) + ((', ' + ev.address) if ev.address else '')
    if ps == 'none':
        return A(h)
    raise ValueError(ps)


def place_block(ev, ps):
    h, c = ev.hall, ev.commune
    if ps == 'implied' or ps == 'none':
        return cap(h[1]) + ((', ' + ev.address) if ev.address else '')
    if ps == 'hall_addr':
        return '%s – %s – %s %s' % (cap(h[1]), ev.address, cp_of(c), c)
    return '%s, %s' % (cap(h[1]), c)


def verb3(key, g):
    pl = g[1] == 'p'
    fem = g[0] == 'f'
    hon = 'honoré' + ('e' if fem else '') + ('s' if pl else '')
    heur = 'heureuses' if fem and pl else 'heureuse' if fem else 'heureux'
    return {
        'honneur': ("%s l'honneur de vous convier" % ('ont' if pl else 'a'), 'A'),
        'plaisir': ('%s le plaisir de vous inviter' % ('ont' if pl else 'a'), 'A'),
        'prie': ('vous %s de bien vouloir assister' % ('prient' if pl else 'prie'), 'A'),
        'vivement': ('%s vivement votre présence' % ('souhaiteraient' if pl else 'souhaiterait'), 'LORS'),
        'sollicite': ("%s l'honneur de votre présence" % ('sollicitent' if pl else 'sollicite'), 'LORS'),
        'honore': ('%s %s de votre présence' % ('seraient' if pl else 'serait', hon), 'LORS'),
        'heureux': ('%s %s de vous compter parmi nous' % ('seraient' if pl else 'serait', heur), 'POUR'),
        'convie': ('vous %s' % ('convient' if pl else 'convie'), 'A'),
        'joie': ('%s la joie de vous inviter' % ('ont' if pl else 'a'), 'A'),
        'invite': ('vous %s à assister' % ('invitent' if pl else 'invite'), 'A'),
    }[key]


VERBS3 = ['honneur', 'plaisir', 'prie', 'vivement', 'sollicite', 'honore', 'heureux', 'convie', 'joie', 'invite']


def first_person(key, p_sexe):
    hon = 'honoré' if p_sexe == 'M' else 'honorée'
    return {
        'j_honneur': ("J'ai l'honneur de vous inviter", 'A'),
        'j_plaisir': ("J'ai le plaisir de vous convier", 'A'),
        'j_honore': ('Je serais très %s de votre présence' % hon, 'LORS'),
        'n_heureux': ('Nous serions heureux de vous compter parmi nous', 'POUR'),
        'n_grand': ('Nous aurions grand plaisir à vous accueillir', 'POUR'),
        'j_permets': ('Je me permets de vous inviter', 'A'),
        'j_cest': ("C'est avec un grand plaisir que je vous invite", 'A'),
        'n_honneur': ('Votre présence nous ferait honneur', 'LORS'),
        'n_honores': ('Nous serions très honorés de vous accueillir', 'POUR'),
        'j_vivement': ('Je souhaiterais vivement votre présence', 'LORS'),
        'n_plaisir': ('Nous avons le plaisir de vous convier', 'A'),
        'j_conseil': ("Au nom du conseil municipal, j'ai le plaisir de vous inviter", 'A'),
        'n_joie': ('Ce serait une joie de vous recevoir', 'POUR'),
        'j_espere': ("J'espère vivement pouvoir vous accueillir", 'POUR'),
    }[key]


FIRSTS = ['j_honneur', 'j_plaisir', 'j_honore', 'n_heureux', 'n_grand', 'j_permets', 'j_cest', 'n_honneur',
          'n_honores', 'j_vivement', 'n_plaisir', 'j_conseil', 'n_joie', 'j_espere']


def lieu_verb(np):
    plural = np[0] == 'les'
    return rng.choice([('auront lieu', 'aura lieu'), ('se tiendront', 'se tiendra'), ('se dérouleront', 'se déroulera')])[0 if plural else 1]


GREET_FORMAL = ['Monsieur le Sénateur,', 'Monsieur le Sénateur,', 'Monsieur le Sénateur,', 'Monsieur le Sénateur, cher Didier,',
                'Monsieur le Sénateur, Cher ami,', 'Monsieur le Sénateur, cher Monsieur Vautrin,', 'Monsieur le Sénateur, cher collègue,',
                'Bonjour Monsieur le Sénateur,', 'Monsieur le Sénateur Vautrin,']
GREET_OFFICE = ['Madame, Monsieur,', 'Bonjour,', "Bonjour à toute l'équipe de la permanence,", 'Mesdames, Messieurs,']
GREET_INFORMAL = ['Cher Didier,', 'Bonjour Didier,', 'Salut Didier,', 'Didier,']
CLOSE_FORMAL = [
    "Je vous prie d'agréer, Monsieur le Sénateur, l'expression de ma haute considération.",
    "Veuillez agréer, Monsieur le Sénateur, l'expression de mes salutations distinguées.",
    "Je vous prie de croire, Monsieur le Sénateur, en l'assurance de mes sentiments les meilleurs.",
    "Dans l'attente du plaisir de vous accueillir, je vous prie d'agréer, Monsieur le Sénateur, l'expression de ma respectueuse considération.",
    "En espérant vous compter parmi nous, je vous adresse, Monsieur le Sénateur, mes cordiales salutations.",
    "Recevez, Monsieur le Sénateur, mes sincères salutations.",
    "Je vous prie d'agréer, Monsieur le Sénateur, l'assurance de mes sentiments respectueux.",
]
CLOSE_SHORT = ['Bien cordialement,', 'Cordialement,', 'Bien à vous,', 'Sincères salutations,', 'Respectueusement,',
               'Avec mes meilleures salutations,', 'Très cordialement,', 'Salutations distinguées,']
CLOSE_INFORMAL = ['Amitiés,', 'Bien amicalement,', 'À bientôt,', 'Amicalement,', 'Au plaisir de te voir,']


def rsvp_date_text(r, ref):
    v = rng.randrange(5)
    if v == 0:
        return 'le ' + fr_date(r, weekday=False, year=False)
    if v == 1:
        return 'le ' + fr_date(r, weekday=False)
    if v == 2:
        return 'le ' + fr_date(r, year=False)
    if v == 3:
        return 'le %02d/%02d' % (r.day, r.month)
    return 'le %02d/%02d/%d' % (r.day, r.month, r.year)


def rsvp_sentence(ev, org, ref, contact_kind=None):
    ck = contact_kind or rng.choice(['mail', 'tel', 'person', 'mail'])
    if ck == 'mail':
        c = org.email
        aupres = rng.choice(['à l’adresse %s', 'par courriel à %s', 'auprès de %s']) % c
    elif ck == 'tel':
        c = org.phone
        aupres = 'au %s' % c
    else:
        pp = person('F')
        c = '%s %s, %s' % (pp.civ, pp.full, phone())
        aupres = 'auprès de %s %s (%s)' % (pp.civ, pp.full, c.split(', ')[1])
    ev.rsvp_contact = c
    if ev.rsvp_by is None:
        return rng.choice(['Merci de bien vouloir confirmer votre présence %s.',
                           'Merci de nous indiquer si vous serez présent ou représenté, %s.',
                           'Votre réponse est attendue %s.']) % aupres
    rd = rsvp_date_text(ev.rsvp_by, ref)
    return rng.choice([
        'Merci de bien vouloir confirmer votre présence avant %s %s.',
        'R.S.V.P. avant %s, %s.',
        'Réponse souhaitée avant %s, par retour de mail ou %s.',
        'Pour une bonne organisation, merci de nous faire savoir avant %s si vous serez présent ou représenté, %s.',
        'Inscription souhaitée au plus tard %s %s.',
        'Nous vous remercions de bien vouloir nous confirmer votre participation pour %s, %s.',
    ]) % (rd, aupres)


def programme_block(ev, ts, fmt):
    intro = rng.choice(['Programme :', 'Déroulement :', 'Au programme :', 'Le déroulement sera le suivant :',
                        'Déroulement de la cérémonie :'])
    lines = []
    for t, what in ev.programme:
        ft = fr_time(t, ts)
        if fmt == 0:
            lines.append('- %s : %s' % (ft, what))
        elif fmt == 1:
            lines.append('%s – %s' % (ft, cap(what)))
        elif fmt == 2:
            lines.append('• %s   %s' % (ft, cap(what)))
    if fmt == 3:
        parts = ['à %s, %s' % (fr_time(t, ts), what) for t, what in ev.programme]
        return cap('; '.join(parts)) + '.'
    return intro + '\n' + '\n'.join(lines)


def past_mention(ref, kind='inauguration'):
    d = ref - days(rng.randint(40, 420))
    works = ['Ce projet, approuvé par délibération du conseil municipal du %s, a bénéficié du soutien de l’État et du Département.' % fr_date(d, weekday=False),
             'Les travaux, engagés le %s, se sont achevés dans les délais.' % fr_date(d, weekday=False)]
    other = ['Comme convenu lors de notre rencontre du %s, je me permets de revenir vers vous.' % fr_date(d),
             'Nous avions eu le plaisir de vous accueillir le %s ; nous espérons vous revoir cette année.' % fr_date(d, weekday=False),
             'Depuis notre dernière rencontre, le %s, beaucoup de chemin a été parcouru.' % fr_date(d, weekday=False)]
    return rng.choice(works + other if kind in ('inauguration', 'premiere_pierre') else other)


def passing_communes(c):
    near = [n for n in NEAR.get(c, []) if n != c]
    if len(near) < 2:
        near = next((v + [k] for k, v in NEAR.items() if c in v), None)
        near = [n for n in (near or rng.choice(list(NEAR.values()))) if n != c]
    a, b = rng.sample(near, 2)
    return rng.choice(['Les maires %s et %s seront également présents.' % (de_commune(a), de_commune(b)),
                       'Les habitants %s et %s sont également conviés.' % (de_commune(a), de_commune(b)),
                       'Cet équipement accueillera aussi les enfants %s et %s.' % (de_commune(a), de_commune(b))])


NEAR = {'Cluses': ['Scionzier', 'Thyez', 'Marnaz', 'Magland'], 'Sallanches': ['Passy', 'Domancy', 'Cordon', 'Combloux'],
        'Annemasse': ['Ambilly', 'Gaillard', 'Ville-la-Grand', 'Vétraz-Monthoux', 'Étrembières'],
        'Thonon-les-Bains': ['Allinges', 'Marin', 'Publier', 'Sciez'], 'Bonneville': ['Contamine-sur-Arve', 'Marignier'],
        'La Roche-sur-Foron': ['Saint-Pierre-en-Faucigny', 'Arenthon', 'Reignier-Ésery'],
        'Rumilly': ['Sales', 'Saint-Félix', 'Alby-sur-Chéran'],
        'Saint-Julien-en-Genevois': ['Archamps', 'Collonges-sous-Salève', 'Viry', 'Valleiry'],
        'Évian-les-Bains': ['Publier', 'Lugrin', 'Saint-Gingolph'], 'Annecy': ['Sevrier', 'Veyrier-du-Lac', 'Poisy', 'Epagny Metz-Tessy'],
        'Thônes': ['Le Grand-Bornand', 'La Clusaz'], 'Douvaine': ['Yvoire', 'Sciez'],
        'Chamonix-Mont-Blanc': ['Les Houches', 'Vallorcine', 'Servoz'], 'Taninges': ['Mieussy', 'Samoëns'],
        'Megève': ['Praz-sur-Arly', 'Combloux'], 'Faverges-Seythenex': ['Doussard', 'Val de Chaise'],
        'Viuz-en-Sallaz': ['Saint-Jeoire', 'Boëge'], 'Cranves-Sales': ['Bonne', 'Annemasse']}
BIG = ['Annecy', 'Thonon-les-Bains', 'Annemasse', 'Cluses', 'Sallanches', 'Rumilly', 'Saint-Julien-en-Genevois',
       'Bonneville', 'La Roche-sur-Foron', 'Passy', 'Évian-les-Bains', 'Chamonix-Mont-Blanc', 'Reignier-Ésery']


def pick_commune():
    if rng.random() < 0.45:
        return rng.choice(BIG)
    return rng.choice(sorted(COMMUNES))


def html_from_text(text, entities=False, style=0):
    paras = text.split('\n\n')
    out = []
    for p in paras:
        lines = p.split('\n')
        if all(l.startswith(('- ', '• ')) for l in lines if l) and len(lines) > 1:
            out.append('<ul>' + ''.join('<li>%s</li>' % html.escape(l[2:], quote=False) for l in lines if l) + '</ul>')
        else:
            out.append('<p>' + '<br>\n'.join(html.escape(l, quote=False) for l in lines) + '</p>')
    body = '\n'.join(out)
    body = body.replace('\x01', '<b>').replace('\x02', '</b>')
    if entities:
        body = ''.join(('&%s;' % html.entities.codepoint2name[ord(ch)]) if ord(ch) > 127 and ord(ch) in html.entities.codepoint2name
                       else ('&#%d;' % ord(ch) if ord(ch) > 127 else ch) for ch in body)
    if style == 0:
        return '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n<body style="font-family: Calibri, Arial, sans-serif; font-size: 11pt">\n%s\n</body></html>\n' % body
    if style == 1:
        return '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"></head>\n<body><div dir="ltr">\n%s\n</div></body></html>\n' % body
    return '<div style="font-family:Verdana;font-size:10pt">%s</div>\n' % body


import html.entities  # noqa: E402


def plain(text):
    return text.replace('\x01', '').replace('\x02', '')


# ----------------------------------------------------------------------------------------------
# Message assembly
# ----------------------------------------------------------------------------------------------
_mid = [0]


def message_id(domain):
    _mid[0] += 1
    tok = ''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(14))
    return '<%s.%04d@%s>' % (tok, _mid[0], domain)


def domain_of(mail):
    return mail.split('@')[1]


def body_parts(text, fmt, cs, cte):
    """Return a Part for a text body in the requested form."""
    if fmt == 'text':
        return text_part(plain(text), 'plain', cs, cte)
    ent = cs == 'us-ascii'
    htm = html_from_text(text, entities=ent, style=rng.randrange(3))
    if cs != 'utf-8':
        htm = htm.replace('charset=utf-8', 'charset=%s' % cs)
    if fmt == 'html':
        return text_part(htm, 'html', cs, cte if not ent else '7bit')
    # alternative
    return mp('alternative', [text_part(plain(text), 'plain', 'utf-8' if cs == 'us-ascii' else cs, cte),
                              text_part(htm, 'html', cs, cte if not ent else '7bit')])


def std_headers(frm, to, subject, date, mid, cs='utf-8', cc=None, extra=None):
    h = [('From', frm), ('To', to)]
    if cc:
        h.append(('Cc', cc))
    h += [('Subject', hdr_text(subject, cs)), ('Date', format_datetime(date)), ('Message-ID', mid)]
    for k, v in (extra or []):
        h.append((k, v))
    return h


MAILERS = [('X-Mailer', 'Microsoft Outlook 16.0'), ('User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0'),
           ('X-Mailer', 'Apple Mail (2.3774.300.61.1.2)'), ('X-Mailer', 'Zimbra 9.0.0_GA_4583 (ZimbraWebClient - GC120 (Win)/9.0.0_GA_4583)'),
           ('X-Mailer', 'iPhone Mail (21E236)'), ('X-Mailer', 'Orange Messagerie'), None, None]


def mailer():
    m = rng.choice(MAILERS)
    return [m] if m else []


def rand_time_of_day(d, lo=7, hi=20):
    return paris(d, rng.randrange(lo, hi), rng.randrange(60), rng.randrange(60))


# ----------------------------------------------------------------------------------------------
# Invitations: events by kind
# ----------------------------------------------------------------------------------------------
def org_np(o):
    if o.kind == 'mairie':
        return ('la', 'municipalité ' + de_commune(o.commune))
    if o.kind == 'asso':
        return o.name_np
    if o.kind == 'pompiers':
        return ('le', 'centre de secours ' + de_commune(o.commune))
    return (low(o.name.split(' ')[0]) if o.name.split(' ')[0] in ('La', 'Le', 'Les') else "l'",
            o.name.split(' ', 1)[1] if o.name.split(' ')[0] in ('La', 'Le', 'Les') else o.name[2:] if o.name.startswith("L'") else o.name)


def weekday_time(d, sat=((10, 0), (10, 30), (11, 0), (11, 30)), fri=((17, 30), (18, 0), (18, 30), (19, 0)),
                 week=((16, 0), (17, 0), (18, 0), (18, 30))):
    if d.weekday() in (5, 6):
        return rng.choice(sat)
    if d.weekday() == 4:
        return rng.choice(fri)
    return rng.choice(week)


def commemo_programme(base):
    items, t = [], base
    if rng.random() < 0.3:
        items.append((t, rng.choice(["messe du souvenir en l'église", 'office religieux en l’église Saint-Jean-Baptiste'])))
        t = addmin(t, 60)
    items.append((t, rng.choice(['rassemblement devant la mairie', 'rassemblement place de la Mairie',
                                 'rassemblement des officiels et des porte-drapeaux sur le parvis de la mairie',
                                 'rassemblement des participants devant l’école'])))
    t = addmin(t, 15)
    items.append((t, rng.choice(["défilé jusqu'au monument aux morts", 'cortège vers le monument aux morts avec l’Harmonie'])))
    t = addmin(t, 15)
    items.append((t, rng.choice(['cérémonie au monument aux morts : dépôt de gerbes, lecture des messages officiels, sonnerie aux morts',
                                 'dépôt de gerbes et lecture du message de la ministre, minute de silence, Marseillaise chantée par les enfants des écoles'])))
    t = addmin(t, rng.choice([30, 45]))
    items.append((t, rng.choice(["vin d'honneur offert par la municipalité à la salle des fêtes", 'verre de l’amitié en mairie'])))
    return items


COMMEMO = {
    '11nov': ((11, 11), [('la', 'cérémonie commémorative du 11 Novembre'), ('la', "commémoration de l'Armistice du 11 novembre 1918"),
                         ('la', 'cérémonie du 11-Novembre')], 'Commémoration du 11 Novembre'),
    '8mai': ((5, 8), [('la', 'cérémonie commémorative du 8 Mai 1945'), ('la', 'commémoration de la Victoire du 8 mai 1945'),
                      ('la', 'cérémonie du 8-Mai')], 'Commémoration du 8 Mai 1945'),
    '19mars': ((3, 19), [('la', 'Journée nationale du souvenir et de recueillement à la mémoire des victimes de la guerre d’Algérie'),
                         ('la', 'cérémonie du 19 Mars 1962')], 'Cérémonie du 19 Mars'),
    '18juin': ((6, 18), [("la", "commémoration de l'Appel du 18 juin 1940")], 'Appel du 18 Juin'),
    '14juillet': ((7, 14), [('la', 'cérémonie de la Fête nationale'), ('les', 'festivités du 14 Juillet')], 'Fête nationale'),
}


def kind_event(kind, org, commune, year, F, spec):
    e = Ev(kind=kind, organiser=org.label, commune=commune, span_noyear=False, numfmt=rng.choice(['%02d/%02d', '%d/%02d']))
    if kind in ('voeux',):
        e.date = rand_day(year, 1, 6, 1, 24, [0, 1, 2, 3, 4, 4, 4, 5, 5, 6])
        e.start = rng.choice([(10, 30), (11, 0)]) if e.date.weekday() == 6 else rng.choice([(18, 0), (18, 30), (18, 30), (19, 0), (19, 30), (11, 0)] if e.date.weekday() == 5 else [(18, 0), (18, 30), (18, 30), (19, 0), (19, 30)])
        if org.kind == 'mairie':
            e.np = rng.choice([('la', 'cérémonie des vœux du Maire à la population'), ('les', 'vœux de la municipalité'),
                               ('la', 'traditionnelle cérémonie des vœux'), ('la', 'soirée des vœux aux acteurs de la vie locale')])
        elif org.kind == 'asso':
            e.np = ('les', 'vœux ' + DE(org.name_np))
        elif org.kind == 'institution':
            e.np = ('la', 'cérémonie des vœux aux autorités civiles et militaires')
        else:
            e.np = ('la', 'cérémonie des vœux ' + DE(org_np(org)))
        e.title = 'Vœux – %s' % org.name
        e.hall = hall_generic()
    elif kind in COMMEMO:
        (m, dd), nps, title = COMMEMO[kind]
        e.date = D(year, m, dd)
        e.np = rng.choice(nps)
        e.title = '%s – %s' % (title, commune)
        e.hall = ('le', 'monument aux morts')
        base = rng.choice([(10, 0), (10, 15), (10, 30), (11, 0), (9, 45)]) if kind not in ('19mars', '18juin') else rng.choice([(18, 0), (11, 0), (17, 30)])
        if 'programme' in F:
            e.programme = commemo_programme(base)
        else:
            e.start = base
        if rng.random() < 0.6 or 'notes' in F:
            e.notes = rng.choice(NOTES_CEREMONY)
    elif kind in ('inauguration', 'premiere_pierre'):
        obj = rng.choice(INAUG_OBJECTS if kind == 'inauguration' else PIERRE_OBJECTS)
        if org.kind == 'entreprise':
            obj = (('le', 'nouveau site de production'), ('le', 'nouveau bâtiment'), 'Inauguration du nouveau site')
        e.np = ("l'", 'inauguration ' + DE(obj[0])) if kind == 'inauguration' else ('la', 'pose de la première pierre ' + DE(obj[0]))
        e.title = '%s – %s' % (obj[2], commune)
        e.hall = obj[1]
        e.date = rand_day(year, 3, 1, 11, 28, [0, 1, 2, 3, 4, 4, 5, 5, 5])
        e.start = weekday_time(e.date)
        if 'programme' in F:
            t = e.start
            e.programme = [(t, 'accueil des invités'), (addmin(t, 30), 'discours et coupé du ruban'),
                           (addmin(t, 60), "visite des lieux et verre de l'amitié")]
            e.start = None
        if rng.random() < 0.25:
            e.notes = rng.choice(NOTES_OTHER)
    elif kind == 'ag':
        if org.kind == 'asso':
            e.np = rng.choice([("l'", 'assemblée générale ' + DE(org.name_np)), ("l'", 'assemblée générale annuelle ' + DE(org.name_np)),
                               ("l'", 'assemblée générale ordinaire de notre association')])
        else:
            e.np = ("l'", 'assemblée générale ' + DE(org_np(org)))
        e.title = 'Assemblée générale – %s' % org.name
        e.hall = rng.choice([('la', 'Maison des associations'), ('la', 'salle du conseil municipal'), hall_generic(),
                             ('la', 'salle hors-sac'), ('le', 'restaurant Le Relais des Alpes')])
        e.date = rand_day(year, 1, 15, 11, 28, [0, 1, 2, 3, 4, 5])
        e.start = rng.choice([(9, 30), (10, 0), (14, 0)]) if e.date.weekday() == 5 else rng.choice([(18, 0), (18, 30), (19, 0), (20, 0), (20, 30)])
    elif kind == 'comice':
        e.np = ('le', 'comice agricole ' + rng.choice([de_commune(commune), 'du canton ' + de_commune(commune)]))
        e.title = 'Comice agricole – %s' % commune
        e.hall = rng.choice([('le', 'champ de foire'), ('le', 'terrain des Grands Prés'), ('la', 'plaine des sports')])
        e.date = rand_day(year, 8, 22, 9, 26, [5])
        t = rng.choice([(8, 0), (8, 30), (9, 0)])
        if 'programme' in F:
            e.programme = [(t, 'concours des races Abondance, Montbéliarde et Tarine'), ((11, 0), 'inauguration officielle et discours'),
                           ((12, 30), 'repas champêtre sous chapiteau'), ((15, 30), 'remise des prix et défilé des lauréats')]
        else:
            e.start = rng.choice([(11, 0), (10, 30), (9, 0)])
        if 'span' in F:
            e.end_date = e.date + days(1)
    elif kind == 'congres':
        v = spec.get('congres', rng.choice(['udsp', 'am74', 'unc']))
        e.np = {'udsp': ('le', 'congrès départemental des sapeurs-pompiers de la Haute-Savoie'),
                'am74': ('le', 'congrès départemental des maires de la Haute-Savoie'),
                'unc': ('le', 'congrès départemental de l’UNC')}[v]
        e.title = cap(e.np[1])
        e.hall = {'udsp': rng.choice([('le', 'gymnase municipal'), ('la', 'salle polyvalente')]),
                  'am74': ('le', 'parc des expositions Rochexpo'), 'unc': ('la', 'salle des fêtes')}[v]
        if v == 'am74':
            e.date = rand_day(year, 10, 1, 10, 25, [3, 4])
        elif v == 'udsp':
            e.date = rand_day(year, 6, 1, 6, 30, [5]) if rng.random() < 0.5 else rand_day(year, 9, 5, 9, 30, [5])
        else:
            e.date = rand_day(year, 4, 1, 5, 30, [6])
        e.start = rng.choice([(8, 30), (9, 0), (8, 45)])
        if 'span' in F:
            e.end_date = e.date + days(1)
        if 'programme' in F:
            t = e.start
            e.programme = [(t, 'accueil des congressistes'), (addmin(t, 30), 'ouverture officielle'), ((12, 30), 'déjeuner'),
                           ((14, 0), 'tables rondes'), ((16, 30), 'clôture du congrès')]
            e.start = None
    elif kind == 'sainte_barbe':
        e.np = rng.choice([('la', 'cérémonie de la Sainte-Barbe'), ('la', 'Sainte-Barbe ' + DE(('le', 'centre de secours ' + de_commune(commune)))),
                           ('la', 'traditionnelle cérémonie de la Sainte-Barbe')])
        e.title = 'Sainte-Barbe – CIS %s' % commune
        e.hall = rng.choice([('le', "centre d'incendie et de secours"), ('la', 'caserne des sapeurs-pompiers')])
        e.date = rand_day(year, 11, 28, 12, 14, [4, 5, 5])
        e.start = rng.choice([(10, 0), (10, 30), (11, 0)]) if e.date.weekday() == 5 else rng.choice([(17, 30), (18, 0), (18, 30)])
        if 'programme' in F:
            t = e.start
            e.programme = [(t, 'prise d’armes et revue des personnels'), (addmin(t, 30), 'remise des galons, diplômes et médailles'),
                           (addmin(t, 75), "vin d'honneur")]
            e.start = None
        if rng.random() < 0.5:
            e.notes = rng.choice(['Tenue de ville.', 'Port des décorations.', 'Tenue de ville, port des décorations pendantes.'])
    elif kind == 'fete':
        f = rng.choice(FETES)
        e.np, e.title, e.hall = f[0], '%s – %s' % (f[1], commune), f[2]
        e.date = rand_day(year, 5, 10, 10, 10, [4] if 'span_du' in F else [5] if 'span' in F else [5, 6])
        if 'span_du' in F:
            e.end_date = e.date + days(2)
        elif 'span' in F:
            e.end_date = e.date + days(1)
        e.start = rng.choice([(10, 0), (11, 0), (9, 30), (14, 0)]) if e.date.weekday() != 4 else rng.choice([(18, 0), (19, 0), (18, 30)])
    elif kind == 'spectacle':
        s = rng.choice(SPECTACLES)
        e.np, e.title, e.hall = s[0], '%s – %s' % (s[1], commune), s[2]
        e.date = rand_day(year, 2, 1, 12, 15, [4, 5, 6])
        e.start = rng.choice([(17, 0), (16, 0)]) if e.date.weekday() == 6 else rng.choice([(20, 0), (20, 30), (19, 30)])
    elif kind == 'anniversaire':
        a = spec.get('anniv') or rng.choice([x for x in ANNIVERSAIRES if x[2] == org.kind] or ANNIVERSAIRES)
        e.np, e.title = a[0], '%s – %s' % (a[1], org.name)
        e.hall = ('le', 'site de l’entreprise') if org.kind == 'entreprise' else hall_generic()
        e.date = rand_day(year, 2, 1, 12, 10, [4, 5])
        e.start = weekday_time(e.date)
    elif kind == 'medailles':
        m_ = rng.choice(MEDAILLES)
        e.np, e.title = m_[0], '%s – %s' % (m_[1], commune)
        e.hall = rng.choice([('la', 'salle du conseil municipal'), ('la', 'salle des mariages'), ("l'", 'hôtel de ville'), ('la', "salle d'honneur de la mairie")])
        e.date = rand_day(year, 1, 20, 12, 10, [0, 1, 2, 3, 4, 5])
        e.start = weekday_time(e.date, sat=((10, 30), (11, 0)))
    elif kind == 'repas_aines':
        e.np = rng.choice([('le', 'repas des aînés'), ('le', 'traditionnel repas de nos aînés'), ('le', 'banquet des anciens')])
        e.title = 'Repas des aînés – %s' % commune
        e.hall = rng.choice([('la', 'salle des fêtes'), ('la', 'salle polyvalente'), ('le', 'restaurant scolaire')])
        e.date = rand_day(year, 10, 5, 12, 14, [5, 6, 6])
        e.start = (12, 0)
    elif kind == 'outside':
        city = spec['city']
        c = OUTSIDE_ORGS[city]
        e.hall, e.address = c['hall'], c['address']
        if city == 'Paris':
            e.np = ('la', 'réception des élus haut-savoyards au Congrès des maires de France')
            e.title = 'Réception des élus de la Haute-Savoie – Congrès des maires, Paris'
            e.date = rand_day(year, 11, 17, 11, 26, [1, 2])
            e.start = rng.choice([(12, 30), (18, 30)])
        elif city == 'Lyon':
            e.np = ('les', 'Assises régionales de la montagne')
            e.title = 'Assises régionales de la montagne – Lyon'
            e.date = rand_day(year, 3, 1, 6, 30, [0, 1, 2, 3, 4])
            e.start = (9, 30)
            e.end = (17, 0)
        elif city == 'Chambéry':
            e.np = ("l'", 'assemblée générale de la Fédération des alpagistes des Savoie')
            e.title = 'AG des alpagistes des Savoie – Chambéry'
            e.date = rand_day(year, 3, 1, 4, 30, [4, 5])
            e.start = (9, 30) if e.date.weekday() == 5 else (14, 0)
        else:
            e.np = ('le', 'colloque « Vivre et travailler en montagne »')
            e.title = 'Colloque montagne – Grenoble'
            e.date = rand_day(year, 9, 1, 10, 30, [3])
            e.end_date = e.date + days(1)
            e.start = (9, 0)
    else:
        raise ValueError(kind)
    return e


KIND_ORG = {'voeux': ['mairie'] * 7 + ['interco', 'asso', 'institution'],
            '11nov': ['mairie'] * 9 + ['asso'], '8mai': ['mairie'] * 9 + ['asso'], '19mars': ['asso', 'mairie'],
            '18juin': ['mairie', 'asso'], '14juillet': ['mairie'],
            'inauguration': ['mairie'] * 6 + ['interco', 'entreprise'], 'premiere_pierre': ['mairie', 'mairie', 'interco'],
            'ag': ['asso'] * 6 + ['institution'], 'comice': ['comice'], 'congres': ['congres'], 'sainte_barbe': ['pompiers'],
            'fete': ['mairie', 'asso'], 'spectacle': ['asso', 'mairie'], 'anniversaire': ['asso', 'entreprise'],
            'medailles': ['mairie'], 'repas_aines': ['mairie'], 'outside': ['outside']}
LEAD = {'voeux': (10, 34), 'congres': (30, 160), 'comice': (20, 60), 'outside': (30, 120), 'ag': (12, 45)}


def build_org(kind, commune, spec):
    ok = spec.get('org') or rng.choice(KIND_ORG[kind])
    if ok == 'comice':
        return org_asso(commune, ('le', 'Comité du comice agricole', 'm'))
    if ok == 'congres':
        return None
    if ok == 'outside':
        return org_outside(spec['city'])
    if ok == 'interco':
        return org_interco()
    if ok == 'institution':
        if kind == 'ag':
            return org_institution(rng.choice([2, 3]))
        if kind == 'voeux':
            return org_institution(rng.choice([0, 1]))
        return org_institution()
    if ok == 'asso':
        if kind in ('11nov', '8mai', '19mars', '18juin'):
            return org_asso(commune, rng.choice([a for a in ASSOS if a[1] in ('section UNC', 'comité FNACA', 'Comité du Souvenir français')]))
        if kind == 'spectacle':
            return org_asso(commune, rng.choice([a for a in ASSOS if a[1].startswith(('Harmonie', 'Société de musique', 'Chorale', 'Ski-club'))]))
        if kind == 'fete':
            return org_asso(commune, ASSOS[0])
        return org_asso(commune, rng.choice(AG_ASSOS))
    return make_org(ok, commune)


# ----------------------------------------------------------------------------------------------
# Invitation record and text
# ----------------------------------------------------------------------------------------------
class Inv:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def in_sentence(name):
    for a in ('Mairie', 'Commune'):
        if name.startswith(a + ' '):
            return 'la ' + name[0].lower() + name[1:]
    if name.startswith('Ville '):
        return 'la ' + name
    if name.startswith('SIVOM'):
        return 'le ' + name
    if name.startswith(('La ', 'Le ', 'Les ')):
        return low(name)
    if name.startswith("L'"):
        return "l'" + name[2:]
    return name


def org_title_short(o):
    if o.kind == 'mairie':
        return 'Monsieur le Maire' if o.person.sexe == 'M' else 'Madame le Maire'
    return 'notre Président' if o.person.sexe == 'M' else 'notre Présidente'


def core_single(inv, ev):
    o, st = inv.org, inv.st
    W = when_phrase(ev, st)
    if inv.bold:
        W = '\x01' + W + '\x02'
    P = where_phrase(ev, st['p'])
    core = st['core']
    if core == 'c1':
        v, prep = verb3(st['verb'], o.g)
        return '%s %s %s, %s, %s.' % (o.subj, v, PREP[prep](ev.np), W, P)
    if core == 'c2':
        v, prep = verb3(st['verb'], o.g)
        return '%s %s %s qui %s %s %s.' % (o.subj, v, PREP[prep](ev.np), lieu_verb(ev.np), W, P)
    if core == 'c3':
        v, prep = first_person(st['first'], o.person.sexe)
        return '%s %s qui %s %s %s.' % (v, PREP[prep](ev.np), lieu_verb(ev.np), W, P)
    if core == 'c4':
        v, prep = first_person(st['first'], o.person.sexe)
        subj2 = rng.choice(['Cette manifestation', 'Ce moment de partage', "L'événement", 'Ce rendez-vous'])
        return '%s %s.\n\n%s %s %s %s.' % (v, PREP[prep](ev.np), subj2, rng.choice(['aura lieu', 'se déroulera', 'se tiendra']), W, P)
    if core == 'c5':
        v, prep = verb3(st['verb'], o.g)
        return '%s, %s, %s %s %s.' % (cap(W), P, low(o.subj) if o.subj.startswith(('Le ', 'La ', "L'", 'Les ')) else o.subj, v, PREP[prep](ev.np))
    if core == 'c6':
        v, prep = verb3(st['verb'], o.g)
        d = cap(date_phrase(ev, st['d'], article=False))
        tp = time_phrase(ev, st['t'], st['tf'])
        lines = ['%s %s %s.' % (o.subj, v, PREP[prep](ev.np)), '']
        lab = rng.choice([('Date : ', 'Heure : ', 'Lieu : '), ('Quand : ', 'Horaire : ', 'Où : '), ('Date : ', 'Horaires : ', 'Adresse : ')])
        lines.append(lab[0] + d)
        if tp:
            lines.append(lab[1] + (tp[2:] if st['tf'] == 'at' else cap(tp)))
        lines.append(lab[2] + place_block(ev, st['p']))
        return '\n'.join(lines)
    if core == 'c7':
        nm = in_sentence(o.name)
        if o.name.split(' de ')[0].lower() in ev.np[1].lower() or (o.kind == 'asso' and o.name_np[1] in ev.np[1]) \
                or ev.kind in ('inauguration', 'premiere_pierre', 'anniversaire', 'outside', 'medailles'):
            intro = 'Nous organisons %s' % THE(ev.np)
        else:
            intro = rng.choice(['Comme chaque année, %s organise %s' % (nm, THE(ev.np)), 'Nous organisons %s' % THE(ev.np)])
        v, prep = first_person(rng.choice(['n_heureux', 'n_honneur', 'n_grand', 'n_joie']), o.person.sexe)
        return '%s %s %s.\n\n%s à cette occasion.' % (intro, W, P, v if prep != 'POUR' else v)
    if core == 'c8':
        return '%s\n\nNous vous attendons %s %s pour %s.' % (
            rng.choice(['Nous avons le plaisir de vous convier à notre prochain rendez-vous.', 'Votre présence nous ferait grand plaisir.'] +
                       ([] if ev.kind in ('inauguration', 'premiere_pierre', 'anniversaire', 'outside', 'medailles') else
                        ['Comme chaque année, nous comptons sur vous.'])),
            W, P, THE(ev.np))
    if core == 'informal':
        return rng.choice([
            'On organise %s %s %s. Ce serait vraiment sympa si tu pouvais passer, même en coup de vent !' % (THE(ev.np), W, P),
            'Petit message pour te dire que %s aura lieu %s %s. Tout le monde serait ravi de te voir, tu nous dis ?' % (THE(ev.np), W, P),
            'Je me permets de te relancer pour %s : c\'est %s %s. On compte sur toi !' % (THE(ev.np), W, P),
        ])
    raise ValueError(core)


def prose_text(inv):
    o, evs, st, F = inv.org, inv.events, inv.st, inv.F
    L = [inv.greeting, '']
    if inv.recipe == 'single':
        ev = evs[0]
        if 'postponement' in F:
            L.append(rng.choice(['En raison de travaux de dernière minute', 'Compte tenu des prévisions météorologiques',
                                 'Pour des raisons d’organisation', "En raison d'un empêchement du Préfet"]) +
                     ', %s, initialement %s pour le %s, est reportée.' % (
                         inv.post_subject, rng.choice(['annoncée', 'prévue', 'programmée']), fr_date(inv.old_date, year=False)))
            L.append('')
            L.append('Elle aura lieu désormais %s %s. %s' % (when_phrase(ev, st), where_phrase(ev, st['p']),
                     rng.choice(['Nous espérons vivement pouvoir vous compter parmi nous à cette nouvelle date.',
                                 'Votre présence nous ferait toujours grand plaisir.',
                                 "L'invitation qui vous a été adressée reste bien entendu valable."])))
        elif 'amb_time' in F:
            dp = date_phrase(ev, st['d'])
            v, prep = verb3(st['verb'], o.g)
            L.append('%s %s %s %s, %s, %s.' % (o.subj, v, PREP[prep](ev.np), dp, inv.amb_time_text, where_phrase(ev, st['p'])))
        elif 'amb_dates' in F:
            v, prep = first_person(st['first'], o.person.sexe)
            L.append('%s %s qui %s %s, %s, %s.' % (v, PREP[prep](ev.np), lieu_verb(ev.np), inv.amb_dates_text,
                                                   a_time(ev.start, st['t']), where_phrase(ev, st['p'])))
        else:
            L.append(core_single(inv, ev))
        if ev.programme:
            L.append('')
            L.append(programme_block(ev, st['t'], inv.prog_fmt))
    else:
        L.append(inv.two_text)
    for x in inv.extras:
        L.append('')
        L.append(x)
    if evs[0].notes and inv.notes_in_text:
        L.append('')
        L.append(evs[0].notes)
    if inv.rsvp_text:
        L.append('')
        L.append(inv.rsvp_text)
    if inv.office_note:
        L.append('')
        L.append(inv.office_note)
    L.append('')
    L.append(inv.closing)
    L.append('')
    L.append(inv.sig)
    return '\n'.join(L) + '\n'


def card_lines(inv, evs, st, alt_time=None):
    o = inv.org
    ev = evs[0]
    Lines = [(o.name.upper() if rng.random() < 0.5 else o.name, 14, True, 'c')]
    if o.kind != 'interco_amb':
        Lines.append((o.address, 8, False, 'c'))
    Lines += [None, None]
    if rng.random() < 0.5:
        Lines += [('Monsieur le Sénateur Didier Vautrin', 10, False, 'c'), None]
    v, prep = verb3(st['verb'], o.g)
    Lines += [(o.subj.rstrip(','), 12, True, 'c'), (v, 11, False, 'c'), (PREP[prep](ev.np), 13, True, 'c'), None]
    ts = st['t']
    upper = st.get('upper')
    for k, e in enumerate(evs):
        if k > 0:
            Lines.append(('et ' + A(e.np), 12, True, 'c'))
        d = cap(date_phrase(e, st['d'], article=False))
        if e.programme:
            tline = None
        elif alt_time is not None:
            tline = a_time(alt_time, ts)
        else:
            tline = time_phrase(e, ts, st['tf'])
        txt = d + ((' ' + tline) if tline else '')
        if upper:
            txt = txt.upper()
        Lines.append((txt, 13, True, 'c'))
        Lines.append((place_block(e, st['p']), 11, False, 'c'))
        if e.programme:
            Lines.append(None)
            for t, what in e.programme:
                Lines.append(('%s  %s' % (fr_time(t, ts), cap(what)), 10, False, 'l'))
        Lines.append(None)
    for x in inv.card_extras:
        Lines.append((x, 10, False, 'c'))
    if ev.notes:
        Lines.append((ev.notes, 10, False, 'c'))
    if inv.rsvp_text:
        Lines += [None, (inv.rsvp_text, 9, False, 'c')]
    return Lines


# ----------------------------------------------------------------------------------------------
# Building one invitation message
# ----------------------------------------------------------------------------------------------
MSGS = []
FIRST_DAY = D(2025, 1, 3)
LAST_DAY = D(2027, 12, 29)


class Rec:
    """One generated message with its label."""
    def __init__(self, **kw):
        self.check_refs = []
        self.mismatches = []
        self.ics_times = []
        self.notes = None
        self.__dict__.update(kw)


def choose_styles(ev, F, spec):
    st = {}
    if 'mismatch' in F:
        ds = 'mismatch'
        ev.wrong_wd = WD[(ev.date.weekday() + rng.choice([1, -1, 2])) % 7]
        ev.weekday_mismatch = True
        ev.mismatch_noyear = 'noyear' in F
    elif 'relative' in F:
        ds = 'relative'
    elif 'month_omitted' in F:
        ds = 'month_omitted'
    elif 'num_short' in F:
        ds = rng.choice(['num_short', 'num_wd'])
    elif 'num_full' in F:
        ds = 'num_full'
    elif 'noyear' in F:
        ds = rng.choice(['noyear', 'noyear', 'nowd_noyear', 'full_prochain'])
    elif ev.kind in COMMEMO:
        ds = rng.choice(['full', 'full', 'nowd', 'noyear', 'nowd_noyear', 'full_prochain'])
    else:
        ds = rng.choice(['full'] * 6 + ['nowd', 'noyear', 'full_prochain'])
    st['d'] = ds
    if ev.end_date is not None:
        ev.span_noyear = 'noyear' in F
    ts = next((x for x in ('h00', 'spaced', 'heures', 'colon', 'H', 'pad') if 'ts_' + x in F), None)
    if ts is None:
        ts = rng.choice(['h', 'h', 'h', 'h00', 'h00', 'spaced', 'heures', 'colon', 'H'])
    if 'midi' in F:
        ev.start = (12, 0)
        ts = 'midi'
    elif ev.start == (12, 0):
        ts = 'midi'
    st['t'] = ts
    tf = 'at'
    for x in ('de_a', 'dash', 'entre', 'fin', 'from', 'des'):
        if x in F:
            tf = x
    if tf == 'at' and (ev.kind in ('fete', 'comice') and rng.random() < 0.5 or ev.end_date is not None):
        tf = rng.choice(['from', 'des'])
    if tf == 'at' and ev.end is not None:
        tf = rng.choice(['de_a', 'fin'])
    if tf in ('de_a', 'dash', 'entre', 'fin') and ev.end is None:
        ev.end = addmin(ev.start, rng.choice([90, 120, 150, 180]))
    if 'allday' in F:
        ev.start = None
        ev.end = None
        tf = 'none'
    if ev.programme:
        tf = 'none'
    st['tf'] = tf
    if 'implied' in F:
        ps = 'implied'
    elif ev.kind == 'outside':
        ps = 'hall_addr'
    else:
        ps = rng.choice(['hall_de', 'hall_de', 'hall_de', 'hall_addr', 'hall_addr', 'hall_paren', 'hall_a'])
    if 'street_date' in F and ps not in ('hall_addr', 'implied'):
        ps = 'hall_addr'
    if ev.address is None and (ps == 'hall_addr' or (ps == 'implied' and ('street_date' in F or rng.random() < 0.4))):
        ev.address = street('street_date' in F)
    st['p'] = ps
    st['core'] = 'informal' if 'informal' in F else spec.get('core') or rng.choice(['c1', 'c1', 'c2', 'c3', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'])
    st['verb'] = rng.choice(VERBS3)
    st['first'] = rng.choice(FIRSTS)
    st['upper'] = 'upper' in F
    return st


def rand_lead(kind, F):
    lo, hi = LEAD.get(kind, (10, 50))
    if 'long_lead' in F:
        lo, hi = 120, 280
    return rng.randint(lo, hi)


def signature(o, F):
    if 'implied' in F:
        return rng.choice([x for x in o.sigs if o.commune in x])
    return rng.choice(o.sigs)


def build_invitation(spec):
    src, kind = spec['src'], spec['kind']
    F = set(spec.get('f', ()))
    year = spec['year']
    feats = set()
    # ---- communes and organiser
    ev_c = None
    if kind == 'outside':
        org_c = ev_c = spec['city']
    elif 'deleguee' in F:
        ev_c = spec.get('deleg') or rng.choice(['Seynod', 'Cran-Gevrier', 'Meythet', 'Annecy-le-Vieux', 'Pringy', 'Thorens-Glières'])
        org_c = ev_c if rng.random() < 0.5 else DELEGUEES[ev_c][0]
    elif 'differs' in F:
        org_c = rng.choice(sorted(NEAR))
        ev_c = rng.choice(NEAR[org_c])
    else:
        org_c = spec.get('commune') or pick_commune()
        ev_c = org_c
    if kind == 'congres':
        v = spec.setdefault('congres', rng.choice(['udsp', 'am74', 'unc']))
        if v == 'udsp':
            org = org_institution(5)
            ev_c = rng.choice([c for c in BIG if c != 'Annecy'])
        elif v == 'am74':
            org = org_institution(4)
            ev_c = 'La Roche-sur-Foron'
        else:
            org = org_asso(org_c, ('la', 'section UNC', 'f'))
    elif 'amb_interco' in F:
        p = person('M')
        org = Org(kind='interco_amb', commune=None, person=p, name='SIVOM de la Vallée Verte',
                  role='Président du SIVOM', subj='Le Président et le Comité syndical du SIVOM de la Vallée Verte', g='mp',
                  email='sivom.valleeverte@orange-exemple.fr', phone=phone(), address='BP 12',
                  label='SIVOM de la Vallée Verte (%s, président)' % p.full, sender_name='SIVOM Vallée Verte')
        org.sigs = ['%s\nPrésident du SIVOM de la Vallée Verte\nTél. %s' % (p.full, org.phone)]
        ev_c = None
    else:
        org = build_org(kind, org_c, spec)
        if 'implied' in F and org.kind in ('interco', 'institution', 'outside'):
            org = org_mairie(org_c)
        if org.kind in ('interco', 'institution') and 'differs' not in F and 'deleguee' not in F:
            ev_c = org.commune if rng.random() < 0.5 or 'implied' in F else ev_c
    if 'implied' in F:
        ev_c = org.commune
    ev = kind_event(kind, org, ev_c, year, F, spec)
    if 'amb_interco' in F:
        ev.hall = ('la', 'salle du conseil syndical')
        ev.commune = None
        ev.ambiguous = True
        ev.title = ev.title.replace(' – None', ' – SIVOM de la Vallée Verte')
    if 'relative' in F:
        while ev.date.weekday() not in (5, 6) or (ev.date.month, ev.date.day) in HOLIDAYS:
            ev.date += days(1)
        ev.start = rng.choice([(10, 30), (11, 0), (10, 0)])
    st = choose_styles(ev, F, spec)
    if org.kind != 'mairie' and st['first'] == 'j_conseil':
        st['first'] = 'j_plaisir'
    if 'amb_interco' in F:
        st['p'] = 'none'
    evs = [ev]
    two_text = None
    recipe = spec.get('two')
    if recipe:
        evs, two_text = two_events(recipe, ev, org, st, F)
    earliest = min(e.date for e in evs)
    # ---- Date header
    if 'relative' in F:
        lead = rng.choice([6, 5]) if ev.date.weekday() == 6 else rng.choice([5, 4])
    elif 'month_omitted' in F:
        lead = rng.randint(3, 18)
    elif 'rollover' in F:
        lead = ev.date.timetuple().tm_yday + rng.randint(3, 20)
    else:
        lead = rand_lead(kind, F)
    hd_day = earliest - days(lead)
    if hd_day < FIRST_DAY or hd_day > LAST_DAY:
        spec2 = dict(spec)
        spec2['year'] = year + 1 if hd_day < FIRST_DAY else year - 1
        return build_invitation(spec2)
    hdate = rand_time_of_day(hd_day)
    if 'month_omitted' in F:
        d = hd_day + days(1)
        while d.day != ev.date.day:
            d += days(1)
        assert d == ev.date
    # ---- forwarded original date
    orig_date = None
    if src == 'forward':
        orig_date = hdate
        hdate = orig_date + dt.timedelta(hours=rng.randint(1, 90), minutes=rng.randint(0, 59))
        if hdate.date() >= earliest:
            hdate = orig_date + dt.timedelta(hours=2)
        hdate = paris(hdate.date(), hdate.hour, hdate.minute, hdate.second)
    ref = (orig_date or hdate).date()
    # ---- RSVP
    inv = Inv(org=org, events=evs, st=st, F=F, recipe='two' if recipe else 'single', two_text=two_text, extras=[],
              card_extras=[], notes_in_text=True, rsvp_text=None, office_note=None, bold=False, prog_fmt=rng.randrange(4))
    prim = ev
    gap = (earliest - ref).days
    if ('rsvp' in F or rng.random() < 0.45) and 'no_rsvp' not in F:
        if gap >= 8 and 'rsvp_nodate' not in F:
            prim.rsvp_by = ref + days(rng.randint(3, gap - 3))
        inv.rsvp_text = rsvp_sentence(prim, org, ref)
    # ---- greeting, closing, signature
    if 'named_guests' in F:
        inv.greeting = rng.choice(['Mesdames et Messieurs les élus,', 'Mesdames et Messieurs les parlementaires,\nMesdames et Messieurs les maires,',
                                   'Monsieur le Sénateur,\nMesdames et Messieurs les élus,'])
        inv.closing = rng.choice(CLOSE_SHORT[:4] + ['Veuillez agréer, Mesdames et Messieurs, l’expression de mes salutations distinguées.'])
    elif 'informal' in F:
        inv.greeting = rng.choice(GREET_INFORMAL)
        inv.closing = rng.choice(CLOSE_INFORMAL)
    elif rng.random() < 0.15:
        inv.greeting = rng.choice(GREET_OFFICE)
        inv.closing = rng.choice(CLOSE_SHORT)
        inv.office_note = rng.choice(['Je vous remercie de bien vouloir transmettre cette invitation à Monsieur le Sénateur.',
                                      'Merci de transmettre à M. le Sénateur Vautrin.'])
    else:
        inv.greeting = rng.choice(GREET_FORMAL)
        inv.closing = rng.choice(CLOSE_FORMAL + CLOSE_SHORT)
    inv.sig = org.person.prenom if 'informal' in F and rng.random() < 0.5 else signature(org, F)
    if 'informal' in F and inv.sig == org.person.prenom and 'implied' in F:
        inv.sig = signature(org, F)
    inv.bold = rng.random() < 0.3
    # ---- extras (distractors and protocol)
    if kind in ('inauguration', 'premiere_pierre') and rng.random() < 0.7:
        inv.extras.append(rng.choice(["Cette cérémonie sera suivie d'un verre de l'amitié.", "Un apéritif sera servi à l'issue de la cérémonie.",
                                      'La visite des lieux sera suivie d’un buffet.']))
    if kind == 'ag' and rng.random() < 0.6:
        inv.extras.append(rng.choice(["L'assemblée sera suivie d'un repas (participation 25 €).",
                                      'Ordre du jour : rapport moral, rapport financier, élection du tiers sortant, questions diverses.',
                                      "Elle sera suivie du verre de l'amitié."]))
    if 'past' in F or (rng.random() < 0.25 and kind in ('inauguration', 'premiere_pierre', 'ag', 'anniversaire')):
        inv.extras.insert(0, past_mention(ref, kind))
        feats.add('past_date_mentioned')
    if ('passing' in F or rng.random() < 0.2) and ev.commune and 'implied' not in F and kind != 'outside':
        inv.extras.append(passing_communes(ev.commune if ev.commune in COMMUNES else org_c if org_c in COMMUNES else 'Cluses'))
        feats.add('communes_named_in_passing')
    if 'video' in F:
        inv.extras.append(rng.choice(['Pour ceux qui ne pourraient se déplacer, la séance sera également retransmise en direct sur la chaîne YouTube de la commune.',
                                      'Il sera également possible de suivre les échanges en visioconférence (lien communiqué sur demande).']))
        feats.add('video_also')
    if 'postponement' in F:
        inv.old_date = ev.date - days(rng.choice([7, 14]))
        if inv.old_date <= ref + days(1):
            inv.old_date = ev.date - days(7)
        assert inv.old_date > ref
        inv.post_subject = THE(ev.np) if kind == 'inauguration' else 'la manifestation « %s »' % ev.title.split(' – ')[0]
        feats.add('postponement')
    if 'amb_time' in F:
        t2 = addmin(ev.start, 30)
        inv.amb_time_text = rng.choice(['%s ou %s (l’horaire définitif vous sera confirmé prochainement)' % (a_time(ev.start, st['t']), a_time(t2, st['t'])),
                                        '%s – ou %s selon la disponibilité de M. le Préfet –' % (a_time(ev.start, st['t']), a_time(t2, st['t']))])
        ev.amb_time = True
        ev.ambiguous = True
    if 'amb_dates' in F:
        d2 = ev.date + days(1)
        inv.amb_dates_text = 'le %s ou le %s (la date définitive sera arrêtée lors de notre prochain bureau)' % (fr_date(ev.date, year=False), fr_date(d2))
        ev.ambiguous = True
    if src == 'pdf':
        inv.extras = [x for x in inv.extras if not x.startswith(('Ce projet', 'Les travaux', 'Comme convenu', 'Nous avions eu', 'Depuis notre'))]
        feats.discard('past_date_mentioned')
        inv.card_extras = list(inv.extras)
    # ---- subject
    subj = spec.get('subject') or inv_subject(ev, org, F)
    while src == 'pdf' and str(ev.date.day) in subj:
        subj = inv_subject(ev, org, F)
    if 'amb_subject' in F:
        wrong = ev.date - days(7)
        subj = 'Invitation – %s du %s' % (ev.title.split(' – ')[0], fr_date(wrong, weekday=False, year=False))
        ev.ambiguous = True
    # ---- body by source
    attachments = []
    cs, cte, fmt = body_encoding(F)
    if src == 'prose':
        text = prose_text(inv)
        root_body = body_parts(text, fmt, cs, cte)
    elif src == 'pdf':
        text = cover_note(inv)
        root_body = body_parts(text, 'text' if fmt == 'html' else fmt, cs, cte)
        attachments.append(pdf_part(card_pdf(inv, evs, st, F, hdate), card_name(ev)))
        feats.add('pdf_card')
    elif src == 'mixed':
        text, pdfb = mixed_parts(inv, evs, st, F, spec, hdate)
        root_body = body_parts(text, fmt, cs, cte)
        attachments.append(pdf_part(pdfb, card_name(ev)))
    elif src == 'ics':
        root_body, attachments, ics_feats = ics_parts(inv, evs, st, F, spec, hdate, cs, cte, fmt)
        feats |= ics_feats
        subj = spec.get('subject') or ics_subject(ev, org, st, spec)
    elif src == 'forward':
        root_body, attachments, subj, fwd_feats = forward_parts(inv, evs, st, F, spec, orig_date, hdate, subj, cs, cte)
        feats |= fwd_feats
    if attachments:
        root = mp('mixed', [root_body] + attachments)
    else:
        root = root_body
    # ---- headers
    if src == 'forward':
        cc = None
        frm = FWD_STATE['from']
        to = FWD_STATE['to']
        mid = message_id(domain_of(FWD_STATE['mail']))
        extra = FWD_STATE['extra']
    else:
        frm = addr(org.sender_name, org.email, cs)
        to, cc = recipients(F)
        mid = message_id(domain_of(org.email))
        extra = mailer()
    headers = std_headers(frm, to, subj, hdate, mid, cs, cc, extra)
    data = build_message(headers, root)
    # ---- label
    labels = sorted(evs, key=lambda e: (e.date, hhmm(e.label_start()) or ''))
    for e in evs:
        e.organiser = org.label
    # features
    feats |= {'date_' + st['d'], 'time_' + st['t'], 'timeform_' + st['tf'], 'place_' + st['p'], 'body_' + fmt,
              'charset_' + cs, 'cte_' + cte}
    if ev.programme:
        feats.add('programme')
    if st['p'] == 'implied':
        feats.add('commune_implied')
    if ev.commune and org.commune and code_of(ev.commune) != code_of(org.commune):
        feats.add('commune_differs_from_sender')
    if ev.commune in DELEGUEES:
        feats.add('commune_deleguee')
    if kind == 'outside':
        feats.add('outside_departement')
    if len(evs) == 2:
        feats.add('two_events')
        if evs[0].date > evs[1].date:
            feats.add('earlier_event_mentioned_second')
    if ev.end_date:
        feats.add('span_days')
    if ev.address and any(x in ev.address for x in DATE_STREETS):
        feats.add('street_name_looks_like_date')
    if prim.rsvp_by:
        feats.add('rsvp_date')
    elif prim.rsvp_contact:
        feats.add('rsvp_contact_only')
    if 'informal' in F:
        feats.add('informal')
    if 'named_guests' in F:
        feats.add('named_guests')
    if any(e.weekday_mismatch for e in evs):
        feats.add('weekday_mismatch')
    if ev.notes:
        feats.add('protocol_notes')
    if src != 'ics' and (st['d'] in ('noyear', 'nowd_noyear', 'full_prochain', 'num_short', 'num_wd') or ev.span_noyear
                         or getattr(ev, 'mismatch_noyear', False)):
        feats.add('year_omitted')
        if ev.date.year != hdate.year:
            feats.add('year_rollover')
    notes = []
    if ev.ambiguous:
        notes.append(AMB_NOTES[[x for x in ('amb_time', 'amb_dates', 'amb_subject', 'amb_card_time', 'amb_interco') if x in F][0]])
    if 'postponement' in F:
        notes.append('postponement: the event is the new date; the old date (%s) is mentioned' % inv.old_date.isoformat())
    if ev.weekday_mismatch:
        notes.append('written weekday « %s » disagrees with %s; numeric date kept' % (ev.wrong_wd, ev.date.isoformat()))
    if recipe and 'earlier_event_mentioned_second' in feats:
        notes.append('the earlier event is mentioned second')
    rec = Rec(data=data, date=hdate, message_id=mid, invitation=True, events=[e.label() for e in labels], source=src,
              notes='; '.join(notes) or None, category='inv:' + kind, features=sorted(feats),
              check_refs=[x for x in (orig_date, hdate) if x], mismatches=[(e.date, e.wrong_wd) for e in evs if e.weekday_mismatch],
              first=labels[0], first_commune=labels[0].commune, org_commune=org.commune)
    MSGS.append(rec)
    return rec


AMB_NOTES = {'amb_time': 'ambiguous: two candidate start times, start left null',
             'amb_dates': 'ambiguous: two candidate dates, the first candidate is recorded',
             'amb_subject': 'ambiguous: subject and body disagree on the date, body date recorded',
             'amb_card_time': 'ambiguous: mail body and PDF card disagree on the start time, start left null',
             'amb_interco': 'ambiguous: hall of an intercommunal body with no commune stated, commune_code null'}


def recipients(F):
    if 'named_guests' in F:
        others = []
        for c in rng.sample(sorted(COMMUNES), 5):
            others.append(addr('Mairie ' + de_commune(c), town_mail(c, 'mairie')))
        others.insert(rng.randrange(6), addr('Permanence Sénateur Vautrin', MAILBOX))
        return ', '.join(others), addr('Député de la circonscription', 'depute.circo74@assemblee-exemple.fr')
    r = rng.random()
    if r < 0.5:
        return MAILBOX, None
    if r < 0.7:
        return addr('Permanence du Sénateur', MAILBOX), None
    if r < 0.85:
        return addr('Monsieur le Sénateur Didier Vautrin', MAILBOX), None
    return addr(SENATOR, SENATOR_MAIL), MAILBOX


def body_encoding(F):
    if 'latin1' in F:
        cs = 'iso-8859-1'
    elif 'cp1252' in F:
        cs = 'windows-1252'
    else:
        cs = rng.choice(['utf-8'] * 9 + ['iso-8859-1', 'windows-1252'])
    if 'b64' in F:
        cte = 'base64'
    elif '8bit' in F:
        cte = '8bit'
    elif cs == 'utf-8':
        cte = rng.choice(['quoted-printable'] * 5 + ['8bit'] * 2 + ['base64'])
    else:
        cte = rng.choice(['quoted-printable', 'quoted-printable', 'base64', '8bit'])
    if 'html' in F:
        fmt = 'html'
    elif 'alt' in F:
        fmt = 'alt'
    elif 'text' in F:
        fmt = 'text'
    else:
        fmt = rng.choice(['text'] * 6 + ['alt'] * 3 + ['html'])
    if fmt == 'html' and 'ascii_html' in F:
        cs, cte = 'us-ascii', '7bit'
    return cs, cte, fmt


def inv_subject(ev, org, F):
    t = ev.title.split(' – ')[0]
    r = rng.randrange(9)
    if r == 0:
        return 'Invitation – %s' % t
    if r == 1:
        return 'Invitation : %s' % t
    if r == 2:
        return t
    if r == 3:
        return 'Invitation'
    if r == 4:
        return 'Invitation %s' % org.name
    if r == 5:
        return '%s – invitation' % t
    if r == 6:
        return 'Invitation – %s – %s' % (t, fr_date(ev.date, weekday=False, year=False))
    if r == 7:
        return 'Votre présence – %s' % t
    return 'INVITATION %s' % t.upper()


def card_name(ev):
    return rng.choice(['invitation.pdf', 'Invitation.pdf', 'carton_invitation.pdf', 'Carton %s.pdf' % ev.title.split(' – ')[0][:30],
                       'INVITATION_%s.pdf' % slug(ev.title.split(' – ')[0])[:20].upper(), 'scan0001.pdf'])


def cover_note(inv):
    o = inv.org
    line = rng.choice(["Veuillez trouver ci-joint l'invitation de %s." % org_title_short(o),
                       "Vous trouverez en pièce jointe le carton d'invitation.",
                       'Ci-joint notre invitation, en espérant vous compter parmi nous.',
                       'Je vous prie de trouver ci-joint une invitation à votre attention.',
                       'Veuillez trouver ci-joint le carton d’invitation de %s.' % org_title_short(o),
                       'Bonne réception.', 'PJ : invitation.'])
    g = rng.choice(GREET_FORMAL + GREET_OFFICE)
    return '%s\n\n%s\n\n%s\n\n%s\n' % (g, line, rng.choice(CLOSE_SHORT), o.cover_signer if hasattr(o, 'cover_signer') else o.name)


def card_pdf(inv, evs, st, F, hdate, alt_time=None):
    lines = card_lines(inv, evs, st, alt_time)
    return make_pdf(lines, title='Invitation', compress='pdf_flate' in F or rng.random() < 0.3,
                    page=rng.choice([(420, 595), (595, 842), (595, 420)]),
                    creation=(hdate - days(rng.randint(1, 5))).strftime('%Y%m%d%H%M%S'))


def mixed_parts(inv, evs, st, F, spec, hdate):
    m = spec.get('mixed', 'repeat')
    ev = evs[0]
    o = inv.org
    if m == 'card_details':
        v, prep = verb3(st['verb'], o.g)
        body = '%s\n\n%s %s %s.\n\n%s\n\n%s\n\n%s\n' % (
            inv.greeting, o.subj, v, PREP[prep](ev.np),
            rng.choice(["Vous trouverez le détail (date, horaire, lieu) sur le carton d'invitation joint.",
                        'Toutes les informations pratiques figurent sur le carton ci-joint.',
                        "Le carton d'invitation joint précise la date, l'heure et le lieu."]),
            inv.closing, inv.sig)
        return body, card_pdf(inv, evs, st, F, hdate)
    if m == 'programme2':
        d2 = ev.end_date
        inv.card_extras = ['%s : %s défilé et revue des personnels ; %s cérémonie officielle et remise de distinctions ; %s clôture.' % (
            cap(fr_date(d2, year=False)), fr_time((9, 30), st['t']), fr_time((11, 0), st['t']), fr_time((16, 0), st['t']))] if ev.kind == 'congres' else [
            '%s : %s marché des producteurs ; %s concours de traite ; %s tirage de la tombola.' % (
            cap(fr_date(d2, year=False)), fr_time((9, 0), st['t']), fr_time((14, 0), st['t']), fr_time((17, 0), st['t']))]
        v, prep = verb3(st['verb'], o.g)
        body = '%s\n\n%s %s %s, %s %s.\n\n%s\n\n%s\n\n%s\n' % (
            inv.greeting, o.subj, v, PREP[prep](ev.np), date_phrase(ev, st['d']), where_phrase(ev, st['p']),
            rng.choice(['Vous trouverez ci-joint le programme détaillé des deux journées.',
                        'Le programme de ces deux journées est joint à ce message.']),
            inv.closing, inv.sig)
        return body, card_pdf(inv, evs, st, F, hdate)
    if m == 'disagree':
        body = prose_text(inv)
        alt = addmin(ev.start, 30)
        ev.amb_time = True
        ev.ambiguous = True
        return body, card_pdf(inv, evs, st, F, hdate, alt_time=alt)
    # repeat: the body gives everything, the card repeats it (times possibly written differently)
    body = prose_text(inv)
    st2 = dict(st)
    st2['t'] = rng.choice(['h', 'h00', 'spaced', 'H'])
    if st2['d'] in ('relative', 'month_omitted'):
        st2['d'] = 'full'
    if ev.start == (12, 0):
        st2['t'] = 'midi'
    return body, card_pdf(inv, evs, st2, F, hdate)


def ics_subject(ev, org, st, spec):
    t = ev.title.split(' – ')[0]
    r = rng.randrange(4)
    if r == 0 and ev.label_start() and not ev.end_date:
        s = ev.label_start()
        e = ev.end
        return 'Invitation: %s @ %s %d %s %d %02d:%02d - %02d:%02d (heure normale d’Europe centrale) (%s)' % (
            t, WD_ABBR[ev.date.weekday()], ev.date.day, MO[ev.date.month - 1], ev.date.year, s[0], s[1], e[0], e[1], MAILBOX) \
            if paris_offset(ev.date.year, ev.date.month, ev.date.day) == 1 else \
            'Invitation: %s @ %s %d %s %d %02d:%02d - %02d:%02d (heure d’été d’Europe centrale) (%s)' % (
            t, WD_ABBR[ev.date.weekday()], ev.date.day, MO[ev.date.month - 1], ev.date.year, s[0], s[1], e[0], e[1], MAILBOX)
    if r == 1:
        return 'Invitation : %s' % t
    if r == 2:
        return t
    return 'Nouvel événement : %s' % t


def ics_parts(inv, evs, st, F, spec, hdate, cs, cte, fmt):
    ev = evs[0]
    o = inv.org
    feats = set()
    mode = 'date' if 'allday' in F else 'utc' if 'utc' in F else 'tzid'
    feats.add('ics_' + mode)
    if mode != 'date':
        if ev.end is None:
            ev.end = addmin(ev.label_start(), rng.choice([60, 90, 120, 180]))
            if ev.end_date:
                ev.end = (17, 0)
    loc = ev.place_label()
    if 'implied' in F:
        loc = cap(ev.hall[1]) + ((', ' + ev.address) if ev.address else '')
    desc = '%s %s %s.' % (o.subj, verb3(st['verb'], o.g)[0], PREP[verb3(st['verb'], o.g)[1]](ev.np))
    if inv.rsvp_text:
        desc += '\n' + inv.rsvp_text
    prodid = rng.choice(PRODIDS)
    ics = make_ics('REQUEST', '%s-%d@%s' % (''.join(rng.choice('0123456789abcdef') for _ in range(12)), len(MSGS), domain_of(o.email)),
                   ev.title.split(' – ')[0] if rng.random() < 0.5 else ev.title, ev.date, ev.label_start(),
                   ev.end_date or ev.date, ev.end, loc, desc, (o.person.full, o.email), mode=mode, prodid=prodid, stamp=hdate)
    how = spec.get('ics', rng.choice(['alt', 'attach_short', 'attach_repeat']))
    feats.add('ics_' + how)
    if how == 'alt':
        # Outlook/Google style meeting request: the body is the description, the calendar part an alternative
        if rng.random() < 0.5:
            body = prose_text(inv)
        else:
            body = '%s\n\n%s\n\n%s\n\n%s\n' % (inv.greeting, desc, inv.closing, inv.sig)
        if spec.get('ics_plain_only'):
            root = mp('alternative', [text_part(plain(body), 'plain', cs, cte), ics_alternative(ics, 'REQUEST')])
        else:
            root = mp('alternative', [text_part(plain(body), 'plain', cs, cte),
                                      text_part(html_from_text(body), 'html', cs, cte), ics_alternative(ics, 'REQUEST', rng.choice(['quoted-printable', '7bit', 'base64']) if not any(ord(c) > 127 for c in ics) else rng.choice(['quoted-printable', 'base64', '8bit']))])
        return root, [], feats
    if how == 'attach_short':
        body = '%s\n\n%s\n\n%s\n\n%s\n' % (inv.greeting,
                                           rng.choice(['Vous trouverez ci-joint une invitation %s, à enregistrer dans votre agenda.' % A(ev.np),
                                                       "Veuillez trouver ci-joint l'invitation (fichier .ics) pour %s." % THE(ev.np),
                                                       'Pour votre agenda : %s (voir pièce jointe).' % THE(ev.np)]),
                                           inv.closing, inv.sig)
    else:
        body = prose_text(inv)
    ctype = rng.choice(['text/calendar', 'text/calendar', 'application/ics'])
    return body_parts(body, 'text' if fmt == 'html' else fmt, cs, cte), [ics_attachment(ics, rng.choice(['invite.ics', 'invitation.ics', 'evenement.ics', 'agenda.ics']), 'REQUEST', ctype)], feats


# ----------------------------------------------------------------------------------------------
# Two-event invitations
# ----------------------------------------------------------------------------------------------
def clone_ev(ev, **kw):
    e = Ev(kind=ev.kind, organiser=ev.organiser, span_noyear=False, numfmt=ev.numfmt)
    e.__dict__.update(kw)
    return e


def two_events(recipe, ev, org, st, F):
    wst = dict(st)
    if wst['d'] in ('relative', 'month_omitted', 'mismatch'):
        wst['d'] = 'full'
    wst['tf'] = 'at'

    def W(e):
        return when_phrase(e, wst)

    if recipe == 'sb2':
        c1 = org.commune
        c2 = rng.choice(NEAR.get(c1, ['Marnaz', 'Thyez']))
        while ev.date.weekday() != 4 or (ev.date.month, ev.date.day) in HOLIDAYS:
            ev.date -= days(1)
        ev.start, ev.programme = rng.choice([(18, 0), (18, 30)]), None
        ev.hall = ('le', 'centre de secours')
        e2 = clone_ev(ev, commune=c2, date=ev.date + days(1), start=rng.choice([(10, 30), (11, 0)]), hall=('le', 'centre de secours'),
                      np=ev.np, title='Sainte-Barbe – CIS %s' % c2)
        v, prep = verb3(st['verb'], org.g)
        text = ('%s %s %s, célébrée cette année dans nos deux centres :\n- %s, %s %s ;\n- %s, %s %s.\n\n'
                'Les deux cérémonies seront suivies du verre de l’amitié.') % (
            org.subj, v, PREP[prep](('la', 'cérémonie de la Sainte-Barbe')), W(e2), A(e2.hall), de_commune(c2),
            W(ev), A(ev.hall), de_commune(c1))
        return [e2, ev], text
    if recipe == 'inaug_tournoi':
        while ev.date.weekday() != 5 or (ev.date.month, ev.date.day) in HOLIDAYS:
            ev.date += days(1)
        ev.np, ev.hall, ev.title = ("l'", 'inauguration du terrain de football synthétique'), ('le', 'stade municipal'), 'Inauguration du terrain synthétique – %s' % ev.commune
        ev.start, ev.programme = rng.choice([(10, 30), (11, 0)]), None
        e2 = clone_ev(ev, commune=ev.commune, date=ev.date + days(1), start=rng.choice([(16, 0), (15, 0)]), hall=ev.hall,
                      np=('la', 'finale du tournoi inaugural'), title='Finale du tournoi inaugural – %s' % ev.commune, address=ev.address)
        v, prep = first_person(st['first'], org.person.sexe)
        text = '%s %s %s %s.\n\nLe lendemain, %s, nous serions également heureux de vous accueillir pour la finale du tournoi inaugural, au même endroit.' % (
            v, PREP[prep](ev.np), W(ev), where_phrase(ev, st['p']), W(e2))
        return [ev, e2], text
    if recipe == '11nov_concert':
        back = (ev.date.weekday() + 1) % 7 or 7
        e2 = clone_ev(ev, commune=ev.commune, date=ev.date - days(back), start=rng.choice([(17, 0), (16, 0), (17, 30)]),
                      hall=("l'", 'église'), np=('le', 'concert du Souvenir'), title='Concert du Souvenir – %s' % ev.commune)
        v, prep = verb3(st['verb'], org.g)
        first = '%s %s %s %s %s.' % (org.subj, v, PREP[prep](ev.np), when_phrase(ev, st), where_phrase(ev, st['p']))
        if ev.programme:
            first += '\n\n' + programme_block(ev, st['t'], 0)
        text = first + ('\n\nEn prélude à cette journée, l’Harmonie municipale donnera son concert du Souvenir %s %s %s ; '
                        'vous y êtes également le bienvenu.') % (W(e2), A(e2.hall), de_commune(ev.commune))
        return [ev, e2], text
    if recipe == 'voeux_deleg':
        d1, d2 = rng.sample(['Seynod', 'Cran-Gevrier', 'Meythet', 'Annecy-le-Vieux', 'Pringy'], 2)
        while ev.date.weekday() not in (1, 2) or (ev.date.month, ev.date.day) in HOLIDAYS:
            ev.date += days(1)
        ev.commune, ev.hall, ev.start = d1, hall_generic(), rng.choice([(18, 30), (19, 0)])
        ev.title = 'Vœux aux habitants de %s' % d1
        e2 = clone_ev(ev, commune=d2, date=ev.date + days(3), start=rng.choice([(18, 30), (19, 0), (11, 0)]), hall=hall_generic(),
                      np=ev.np, title='Vœux aux habitants de %s' % d2)
        order = [ev, e2] if rng.random() < 0.5 else [e2, ev]
        v, prep = verb3(st['verb'], org.g)
        text = '%s %s %s dans les communes déléguées :\n- %s, %s %s ;\n- %s, %s %s.' % (
            org.subj, v, PREP[prep](('les', 'cérémonies des vœux')), a_commune(order[0].commune), W(order[0]), A(order[0].hall),
            a_commune(order[1].commune), W(order[1]), A(order[1].hall))
        return order, text
    if recipe == 'ag_repas':
        back = (6 - ev.date.weekday()) or 7
        e2 = clone_ev(ev, commune=ev.commune, date=ev.date + days(back), start=(12, 0), hall=('le', 'restaurant La Ferme des Saveurs'),
                      np=('le', 'repas annuel des adhérents'), title='Repas annuel – %s' % org.name)
        st2 = dict(wst)
        st2['t'] = 'midi'
        v, prep = first_person(st['first'], org.person.sexe)
        text = '%s %s %s %s, ainsi qu’%s %s %s.' % (
            v, PREP[prep](ev.np), W(ev), where_phrase(ev, 'hall_de'), A(e2.np), when_phrase(e2, st2), where_phrase(e2, 'hall_de'))
        return [ev, e2], text
    if recipe == 'fete_concert':
        while ev.date.weekday() != 5 or (ev.date.month, ev.date.day) in HOLIDAYS:
            ev.date += days(1)
        ev.end_date = None
        ev.start = rng.choice([(11, 0), (10, 30)])
        fete_np = ev.np
        ev.np = ("l'", 'inauguration officielle ' + DE(fete_np))
        e2 = clone_ev(ev, commune=ev.commune, date=ev.date - days(1), start=rng.choice([(20, 30), (20, 0)]), hall=('la', 'salle des fêtes'),
                      np=('le', "concert d'ouverture"), title='Concert d’ouverture – %s' % ev.title.split(' – ')[0])
        ev.title = 'Inauguration officielle – ' + ev.title
        v, prep = verb3(st['verb'], org.g)
        text = ('%s %s %s, %s %s.\n\nLa veille, %s, le concert d’ouverture se tiendra %s : vous y êtes naturellement convié.') % (
            org.subj, v, PREP[prep](ev.np), W(ev), where_phrase(ev, 'hall_de'), W(e2), where_phrase(e2, 'hall_de'))
        return [ev, e2], text
    raise ValueError(recipe)


# ----------------------------------------------------------------------------------------------
# Forwards
# ----------------------------------------------------------------------------------------------
FWD_STATE = {}
MO_ABBR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.']


def fr_long(d):
    return '%s %d %s %d %02d:%02d' % (WD[d.weekday()], d.day, MO[d.month - 1], d.year, d.hour, d.minute)


def fwd_header_block(how, frm_name, frm_mail, orig_date, to, subject, cc=None):
    if how == 'outlook':
        top = rng.choice(["-----Message d'origine-----", '________________________________'])
        L = [top, 'De : %s <%s>' % (frm_name, frm_mail), 'Envoyé : %s' % fr_long(orig_date), 'À : %s' % to]
        if cc:
            L.append('Cc : %s' % cc)
        L.append('Objet : %s' % subject)
        return '\n'.join(L)
    if how == 'gmail':
        return '\n'.join(['---------- Forwarded message ---------', 'De : %s <%s>' % (frm_name, frm_mail),
                          'Date: %s %d %s %d à %02d:%02d' % (WD_ABBR[orig_date.weekday()], orig_date.day, MO_ABBR[orig_date.month - 1],
                                                             orig_date.year, orig_date.hour, orig_date.minute),
                          'Subject: %s' % subject, 'To: <%s>' % to])
    if how == 'thunderbird':
        return '\n'.join(['-------- Message transféré --------', 'Sujet : \t%s' % subject, 'Date : \t%s' % format_datetime(orig_date),
                          'De : \t%s <%s>' % (frm_name, frm_mail), 'Pour : \t%s' % to])
    if how == 'apple':
        off = orig_date.utcoffset().seconds // 3600
        return '\n'.join(['Début du message réexpédié :', '', 'De: %s <%s>' % (frm_name, frm_mail), 'Objet: %s' % subject,
                          'Date: %d %s %d à %02d:%02d:%02d UTC+%d' % (orig_date.day, MO[orig_date.month - 1], orig_date.year,
                                                                    orig_date.hour, orig_date.minute, orig_date.second, off),
                          'À: %s' % to])
    raise ValueError(how)


def pick_forwarder(kind, org):
    if kind == 'attachee':
        p = ATTACHEE
        return ('%s %s' % (p[0], p[1]), p[2], rng.choice(["Pour l'agenda.", "Invitation reçue sur l'adresse du Sénateur, à enregistrer.",
                                                          "Je te transfère, à mettre dans l'agenda. Merci !\n%s" % p[0],
                                                          'Pour info et suite à donner (présence ou représentation ?).\n\n%s' % p[0]]),
                'Secrétariat du Sénateur')
    if kind == 'assistant':
        p = ASSISTANT
        return ('%s %s' % (p[0], p[1]), p[2], rng.choice(['Bonjour,\n\nReçu ce jour, pour l’agenda du Sénateur.\n\nJulien',
                                                          'FYI – à voir avec D. V. si on y va.\nJ.']), None)
    if kind == 'senator':
        return (SENATOR, SENATOR_MAIL, rng.choice(["À noter dans l'agenda svp.\nDV\n\nEnvoyé de mon iPhone",
                                                   "J'aimerais y aller si l'agenda le permet.\nD.\n\nEnvoyé de mon iPad",
                                                   'Claire, peux-tu répondre positivement ? Merci.\nDidier']), None)
    if kind == 'secretary':
        sec = person('F')
        mail = '%s@%s' % (sec.email_local, domain_of(org.email))
        return (sec.full, mail, ('Bonjour,\n\nJe vous transfère l’invitation de %s, que nous avions adressée à une ancienne adresse.\n\n'
                                 'Bien cordialement,\n%s\n%s') % (org_title_short(org), sec.full, org.name), None)
    if kind == 'elu':
        p = person('M')
        c = pick_commune()
        return (p.full, town_mail(c, slug(p.prenom) + '.' + slug(p.nom)),
                'Didier,\n\nJe te fais suivre au cas où tu ne l’aurais pas reçue : ils comptent beaucoup sur ta présence.\n\nAmitiés,\n%s\nMaire %s' % (p.prenom, de_commune(c)), None)
    raise ValueError(kind)


def forward_parts(inv, evs, st, F, spec, orig_date, hdate, subj, cs, cte):
    how = spec['fwd']
    inner = spec.get('inner', 'prose')
    o = inv.org
    feats = {'forward_' + how, 'forward_inner_' + inner}
    fk = spec.get('fwder') or rng.choice(['attachee', 'attachee', 'senator', 'secretary', 'elu', 'assistant'])
    fname, fmail, note, _ = pick_forwarder(fk, o)
    feats.add('forwarded_by_' + fk)
    orig_to = 'senateur.vautrin@ancien-exemple.fr' if fk == 'secretary' else SENATOR_MAIL
    attachments = []
    pdfb = None
    if inner == 'pdf':
        orig_text = cover_note(inv)
        pdfb = card_pdf(inv, evs, st, F, orig_date)
    elif inner == 'ics':
        orig_text = None
    else:
        orig_text = prose_text(inv)
    prefix = {'outlook': rng.choice(['TR: ', 'TR : ', 'Fw: ']), 'gmail': 'Fwd: ', 'thunderbird': 'Fwd: ', 'apple': 'Fwd: ',
              'rfc822': rng.choice(['TR: ', 'Fwd: ', 'Tr : ', ''])}[how]
    out_subj = prefix + subj
    if how == 'rfc822':
        omid = message_id(domain_of(o.email))
        oh = std_headers(addr(o.sender_name, o.email), orig_to, subj, orig_date, omid, 'utf-8', None, mailer())
        if inner == 'ics':
            ev = evs[0]
            if ev.end is None:
                ev.end = addmin(ev.label_start(), 120)
            ics = make_ics('REQUEST', 'fw-%d@%s' % (len(MSGS), domain_of(o.email)), ev.title.split(' – ')[0], ev.date, ev.label_start(),
                           ev.end_date or ev.date, ev.end, ev.place_label(), '', (o.person.full, o.email), mode='tzid',
                           prodid=rng.choice(PRODIDS), stamp=orig_date)
            otext = prose_text(inv)
            oroot = mp('mixed', [text_part(plain(otext), 'plain', 'utf-8', 'quoted-printable'), ics_attachment(ics, 'invitation.ics')])
            feats.add('ics_tzid')
        elif inner == 'pdf':
            oroot = mp('mixed', [text_part(plain(orig_text), 'plain', 'utf-8', 'quoted-printable'), pdf_part(pdfb, card_name(evs[0]))])
        else:
            oroot = text_part(plain(orig_text), 'plain', rng.choice(['utf-8', 'iso-8859-1']), 'quoted-printable')
        obytes = build_message(oh, oroot)
        attachments.append(rfc822_part(obytes, rng.choice(['Invitation.eml', 'message.eml', 'Message transféré.eml'.replace('é', 'e')])))
        body = note + '\n'
    else:
        block = fwd_header_block(how, o.sender_name, o.email, orig_date, orig_to, subj)
        quoted = block + '\n\n' + plain(orig_text)
        if how == 'thunderbird' and rng.random() < 0.5:
            quoted = '\n'.join(('> ' + l) if l else '>' for l in quoted.split('\n'))
            feats.add('quoted_gt')
        body = note + '\n\n' + quoted
        if pdfb:
            attachments.append(pdf_part(pdfb, card_name(evs[0])))
    fmt = 'alt' if how == 'outlook' and rng.random() < 0.5 else 'text'
    FWD_STATE.update({'from': addr(fname, fmail, cs), 'to': MAILBOX if fk != 'attachee' or rng.random() < 0.7 else addr('Permanence', MAILBOX),
                      'mail': fmail, 'extra': [('X-Mailer', 'Microsoft Outlook 16.0')] if how == 'outlook' else
                      [('X-Mailer', 'Apple Mail (2.3774.300.61.1.2)')] if how == 'apple' else mailer()})
    return body_parts(body, fmt, cs, cte), attachments, out_subj, feats


# ----------------------------------------------------------------------------------------------
# Non-invitations that mention dates
# ----------------------------------------------------------------------------------------------
def rand_hdate(lo=FIRST_DAY, hi=LAST_DAY):
    d = lo + days(rng.randrange((hi - lo).days))
    return rand_time_of_day(d)


def fd(d, wd=True, yr=True):
    return fr_date(d, weekday=wd, year=yr)


def wday(d, wds):
    while d.weekday() not in wds or (d.month, d.day) in HOLIDAYS:
        d += days(1)
    return d


def tm(t, style=None):
    return fr_time(t, style or rng.choice(['h', 'h', 'h00', 'spaced', 'heures', 'colon']))


def bulk_headers(name, dom):
    return [('List-Id', '"%s" <%s.%s>' % (re.sub('[^A-Za-z \'-]', '', name.replace('é', 'e').replace('è', 'e').replace('É', 'E')), re.sub('[^a-z]', '', slug(name))[:20], dom)),
            ('List-Unsubscribe', '<mailto:desinscription@%s?subject=unsubscribe>, <https://%s/desinscription>' % (dom, dom)),
            ('Precedence', 'bulk')]


UNSUB = ['\n\n--\nVous recevez cette lettre car vous êtes inscrit à la liste de diffusion. Pour vous désinscrire, cliquez ici : https://%s/desinscription',
         '\n\n---\nSe désabonner : https://%s/desinscription | Gérer mes préférences',
         "\n\n__\nCet e-mail vous a été envoyé par la lettre d'information. Désinscription : https://%s/desinscription"]


def emit_non(cat, src, hdate, frm, frm_mail, to, subject, text, fmt=None, cs=None, cte=None, atts=(), extra=(), cc=None,
             notes=None, feats=(), refs=(), mid_domain=None, in_reply_to=None):
    if fmt is None:
        fmt = rng.choice(['text'] * 6 + ['alt'] * 3 + ['html'])
    if cs is None:
        cs = rng.choice(['utf-8'] * 8 + ['iso-8859-1', 'windows-1252'])
    if cte is None:
        cte = rng.choice(['quoted-printable'] * 5 + ['8bit', 'base64'] if cs == 'utf-8' else ['quoted-printable', 'base64'])
    root_body = body_parts(text, fmt, cs, cte)
    root = mp('mixed', [root_body] + list(atts)) if atts else root_body
    mid = message_id(mid_domain or domain_of(frm_mail))
    ex = list(extra) + mailer()
    if in_reply_to:
        ex = [('In-Reply-To', in_reply_to), ('References', in_reply_to)] + ex
    headers = std_headers(addr(frm, frm_mail, cs), to, subject, hdate, mid, cs, cc, ex)
    data = build_message(headers, root)
    f = set(feats) | {'body_' + fmt, 'charset_' + cs, 'cte_' + cte}
    rec = Rec(data=data, date=hdate, message_id=mid, invitation=False, events=[], source=src, notes=notes,
              category='non:' + cat, features=sorted(f), check_refs=[hdate] + list(refs), mismatches=[])
    MSGS.append(rec)
    return rec


def citizen():
    p = person()
    c = pick_commune()
    return p, c, private_mail(p)


def cit_sig(p, c, full=True):
    if full:
        return '%s %s\n%s\n%s %s\n%s' % (p.prenom, p.nom.upper(), street(), cp_of(c), c, phone(mobile=True))
    return p.full


# ---- deadlines ---------------------------------------------------------------------------------
def non_deadline(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    dl = d0 + days(rng.randint(10, 70))
    v = i % 6
    feats = ['deadline']
    if v == 0 or src == 'pdf':
        sg = person()
        text = ("Mesdames et Messieurs les parlementaires,\n\nJ'ai l'honneur de vous informer de l'ouverture de la campagne %d de la dotation "
                "d'équipement des territoires ruraux (DETR) et de la dotation de soutien à l'investissement local (DSIL).\n\n%s\n\n"
                "Je vous remercie de bien vouloir relayer cette information auprès des maires de votre connaissance.\n\n"
                "Pour le Préfet et par délégation,\nLe Secrétaire général\n%s") % (
            dl.year, 'Vous trouverez ci-joint la circulaire précisant le calendrier et les pièces à fournir.' if src == 'pdf' else
            ("Les collectivités devront déposer leurs dossiers complets sur la plateforme Démarches simplifiées au plus tard le %s à %s. "
             "Aucun dossier ne sera accepté après cette date. La commission d'élus sera consultée dans le courant du printemps.") % (fd(dl), rng.choice(['12h', 'midi', '23h59', '17 heures'])),
            sg.full)
        atts = []
        if src == 'pdf':
            lines = [('PRÉFECTURE DE LA HAUTE-SAVOIE', 13, True, 'c'), ('Bureau des finances locales', 9, False, 'c'), None,
                     ('Circulaire DETR / DSIL %d' % dl.year, 13, True, 'c'), None,
                     ('Annecy, le %s' % fd(d0 - days(1), wd=False), 10, False, 'l'), None,
                     ('Calendrier de la campagne :', 11, True, 'l'),
                     ('- ouverture du dépôt des dossiers : %s ;' % fd(d0, wd=False), 10, False, 'l'),
                     ('- date limite de dépôt : %s à 12 h ;' % fd(dl), 10, False, 'l'),
                     ('- consultation de la commission d’élus : courant %s.' % MO[(dl + days(40)).month - 1], 10, False, 'l'), None,
                     ('Les dossiers incomplets à la date limite ne pourront pas être instruits.', 10, False, 'l')]
            atts = [pdf_part(make_pdf(lines, 'Circulaire DETR'), 'circulaire_DETR_%d.pdf' % dl.year)]
        return emit_non('deadline', src, hd, 'Préfecture de la Haute-Savoie', 'pref-bfl@haute-savoie-prefecture.exemple.fr',
                        'undisclosed-recipients:;', 'Campagne DETR/DSIL %d – date limite de dépôt des dossiers' % dl.year, text,
                        atts=atts, feats=feats + ['circular'])
    if v == 1:
        c = pick_commune()
        m = mayor(c)
        o = org_mairie(c)
        text = ("Monsieur le Sénateur,\n\nNotre commune prépare un dossier de demande de subvention au titre du Fonds vert pour la rénovation "
                "énergétique de l'école %s. Le dépôt doit intervenir avant le %s.\n\nJe me permets de solliciter de votre part une lettre de "
                "soutien, qui renforcerait notre candidature. Le conseil municipal a validé le plan de financement le %s.\n\n%s\n\n%s") % (
            rng.choice(['du Chef-Lieu', 'des Tilleuls', 'Jules-Ferry', 'du Vieux-Bourg']), fd(dl, wd=rng.random() < 0.5, yr=rng.random() < 0.5),
            fd(d0 - days(rng.randint(10, 60)), wd=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        return emit_non('deadline', src, hd, m.full, o.email, MAILBOX, 'Demande de soutien – dossier Fonds vert', text, feats=feats)
    if v == 2:
        dl = wday(dl, [0, 1, 2, 3])
        text = ("Madame la Sénatrice, Monsieur le Sénateur,\n\nNous vous rappelons que le délai limite pour le dépôt des amendements de séance sur "
                "le projet de loi relatif à la simplification de l'action publique locale est fixé au %s à %s.\n\nLes amendements déposés après "
                "ce délai seront déclarés irrecevables.\n\nLe Service de la Séance") % (fd(dl, yr=False), tm((11, 0), rng.choice(['h', 'heures'])))
        return emit_non('deadline', src, hd, 'Service de la Séance', 'seance@senat-exemple.fr', addr(SENATOR, SENATOR_MAIL),
                        'Délai limite – amendements de séance', text, cc=MAILBOX, feats=feats)
    if v == 3:
        text = ("Madame, Monsieur,\n\nLe Département de la Haute-Savoie lance son appel à projets « Territoires ruraux innovants ». "
                "Les candidatures sont ouvertes du %s au %s inclus.\n\nLes projets retenus seront annoncés à l'automne. "
                "Le règlement est disponible sur le site du Département.\n\nDirection de l'aménagement du territoire\nConseil départemental de la Haute-Savoie") % (
            fd(d0 + days(2), wd=False), fd(dl, wd=False))
        return emit_non('deadline', src, hd, 'Département de la Haute-Savoie', 'appels-projets@hautesavoie-departement.exemple.fr',
                        'undisclosed-recipients:;', 'Appel à projets – clôture le %s' % fd(dl, wd=False, yr=False), text, feats=feats + ['undisclosed'])
    if v == 4:
        c = pick_commune()
        p = person()
        text = ("Bonjour,\n\nLes inscriptions au concours départemental des villes et villages fleuris sont ouvertes jusqu'au %s. "
                "Le jury passera dans les communes inscrites entre le %s et le %s.\n\nMerci de relayer auprès des communes.\n\n%s\nComité départemental du fleurissement") % (
            fd(dl, wd=rng.random() < 0.5), fd(dl + days(60), wd=False, yr=False), fd(dl + days(75), wd=False), p.full)
        return emit_non('deadline', src, hd, 'Comité du fleurissement 74', 'fleurissement74@orange-exemple.fr', MAILBOX,
                        'Concours des villages fleuris – inscriptions', text, feats=feats)
    c = pick_commune()
    p = mayor(c)
    o = org_mairie(c)
    text = ("Monsieur le Sénateur,\n\nLa trésorerie nous demande de transmettre le compte de gestion avant le %s, alors que le logiciel imposé "
            "par la DGFiP est en panne depuis le %s. Pouvez-vous appeler l'attention du ministre sur cette situation ?\n\n%s\n\n%s") % (
        fd(dl, wd=True, yr=False), fd(d0 - days(rng.randint(3, 12)), wd=False, yr=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
    return emit_non('deadline', src, hd, p.full, o.email, MAILBOX, 'Compte de gestion – délai intenable', text, feats=feats)


# ---- council meetings held earlier ---------------------------------------------------------------
def non_council_past(i, src='prose'):
    hd = rand_hdate()
    past = hd.date() - days(rng.randint(2, 25))
    c = pick_commune()
    o = org_mairie(c)
    v = i % 4
    t = rng.choice([(19, 0), (20, 0), (20, 30), (18, 30)])
    if v == 0:
        motion = rng.choice(['contre la fermeture de la trésorerie', 'pour le maintien des urgences de nuit à l’hôpital',
                             'contre la suppression d’une classe à l’école', 'pour le maintien du bureau de poste'])
        body = ("Monsieur le Sénateur,\n\nLors de sa séance du %s à %s, en salle du conseil, le conseil municipal %s a adopté à l'unanimité une motion %s. "
                "Vous en trouverez le texte ci-dessous.\n\n« Le conseil municipal, réuni le %s, ... demande à l'État de revenir sur cette décision. »\n\n"
                "Je sais pouvoir compter sur votre soutien.\n\n%s\n\n%s") % (
            fd(past), tm(t), de_commune(c), motion, fd(past, wd=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'Motion du conseil municipal %s' % de_commune(c)
    elif v == 1:
        ic = org_interco()
        body = ("Monsieur le Sénateur,\n\nVeuillez trouver ci-dessous le compte rendu synthétique du conseil communautaire du %s, qui s'est tenu à %s "
                "à la salle %s.\n\n1. Budget annexe eau : adopté.\n2. Transfert de la compétence mobilité : adopté (3 abstentions).\n"
                "3. Questions diverses : prochaine commission finances fixée au %s.\n\n%s\n\n%s") % (
            fd(past), ic.commune, rng.choice(['du conseil', 'polyvalente', 'des fêtes']), fd(hd.date() + days(rng.randint(10, 30)), wd=False),
            rng.choice(CLOSE_SHORT), rng.choice(ic.sigs))
        return emit_non('council_past', src, hd, ic.sender_name, ic.email, MAILBOX, 'Compte rendu du conseil communautaire du %s' % fd(past, wd=False, yr=False),
                        body, feats=['past_meeting'])
    elif v == 2:
        p, cc, mail = citizen()
        body = ("Bonjour,\n\nJe me permets de vous écrire suite au conseil municipal %s du %s. Le maire a fait voter la vente du terrain communal "
                "situé %s sans aucune concertation. Plusieurs habitants étaient présents ce soir-là et n'ont pas pu s'exprimer.\n\n"
                "Pouvez-vous nous dire si cette procédure est légale ?\n\n%s\n\n%s") % (
            de_commune(cc), fd(past, yr=False), street(), rng.choice(CLOSE_SHORT), cit_sig(p, cc))
        return emit_non('council_past', src, hd, p.full, mail, MAILBOX, 'Conseil municipal du %s' % fd(past, wd=False, yr=False), body,
                        feats=['past_meeting', 'citizen'])
    else:
        body = ("Monsieur le Sénateur,\n\nLe conseil municipal réuni le %s a adopté le budget primitif. Comme je vous l'indiquais lors de notre échange du %s, "
                "la baisse de la DGF nous contraint à reporter la rénovation du gymnase.\n\nJe vous remercie de votre attention.\n\n%s\n\n%s") % (
            fd(past, wd=False), fd(past - days(rng.randint(15, 60)), wd=False, yr=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'Budget primitif – conseil municipal du %s' % fd(past, wd=False, yr=False)
    if src == 'forward':
        fname, fmail, _, _ = pick_forwarder('attachee', o)
        note = 'Pour info, pour le dossier de la commune.\n\nClaire'
        orig = hd - dt.timedelta(days=1)
        body = note + '\n\n' + fwd_header_block('outlook', o.person.full, o.email, orig, SENATOR_MAIL, subj) + '\n\n' + body
        return emit_non('council_past', src, hd, fname, fmail, MAILBOX, 'TR: ' + subj, body, feats=['past_meeting', 'forward_outlook'],
                        refs=[orig])
    return emit_non('council_past', src, hd, o.sender_name, o.email, MAILBOX, subj, body, feats=['past_meeting'])


# ---- decrees, laws, orders --------------------------------------------------------------------
def non_decree(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    dec = d0 - days(rng.randint(5, 60))
    c = pick_commune()
    o = org_mairie(c)
    v = i % 4
    if src == 'pdf':
        num = 'DDT-%d-%04d' % (dec.year, rng.randint(100, 2000))
        start = dec + days(rng.randint(1, 6))
        lines = [('PRÉFET DE LA HAUTE-SAVOIE', 13, True, 'c'), None, ('Arrêté préfectoral n° %s du %s' % (num, fd(dec, wd=False)), 12, True, 'c'),
                 ('portant limitation provisoire des usages de l’eau', 11, False, 'c'), None,
                 ('Article 1er : à compter du %s à 8 h, les mesures de restriction de niveau « alerte » s’appliquent dans les bassins de l’Arve et du Fier.' % fd(start), 10, False, 'l'),
                 ('Article 2 : le présent arrêté est applicable jusqu’au %s inclus.' % fd(start + days(45), wd=False), 10, False, 'l'), None,
                 ('Fait à Annecy, le %s' % fd(dec, wd=False), 10, False, 'l'), ('Le Préfet', 10, False, 'l')]
        body = ("Monsieur le Sénateur,\n\nVeuillez trouver ci-joint l'arrêté préfectoral que nous venons de recevoir. Les agriculteurs de la commune sont très inquiets "
                "et souhaiteraient savoir si des dérogations sont envisageables.\n\n%s\n\n%s") % (rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        return emit_non('decree', 'pdf', hd, o.sender_name, o.email, MAILBOX, 'Arrêté sécheresse – demande d’information', body,
                        atts=[pdf_part(make_pdf(lines, 'Arrêté préfectoral'), 'AP_%s.pdf' % num)], feats=['decree', 'pdf_attachment'])
    if v == 0:
        body = ("Monsieur le Sénateur,\n\nLe décret n° %d-%d du %s relatif aux obligations d'accessibilité des établissements recevant du public, paru au Journal officiel du %s, "
                "impose aux petites communes des travaux avant le %s. Pour une commune comme la nôtre, la dépense représente deux années d'investissement.\n\n"
                "Pourriez-vous interroger le Gouvernement sur un éventuel report ?\n\n%s\n\n%s") % (
            dec.year, rng.randint(100, 1600), fd(dec, wd=False), fd(dec + days(2), wd=False), fd(d0 + days(rng.randint(200, 500)), wd=False),
            rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'Décret du %s – accessibilité' % fd(dec, wd=False)
    elif v == 1:
        body = ("Monsieur le Sénateur,\n\nL'application de la loi n° 2023-630 du 20 juillet 2023 (zéro artificialisation nette) bloque notre projet de lotissement communal. "
                "La DDT nous a notifié son avis défavorable par courrier du %s.\n\nNous aimerions connaître votre analyse.\n\n%s\n\n%s") % (
            fd(dec, wd=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'ZAN – avis défavorable de la DDT'
    elif v == 2:
        body = ("Monsieur le Sénateur,\n\nPar arrêté interministériel du %s publié au JO du %s, la commune %s a été reconnue en état de catastrophe naturelle "
                "pour les inondations du %s. Les sinistrés disposent de trente jours pour déclarer leurs dommages.\n\n"
                "Je vous remercie pour votre appui dans ce dossier.\n\n%s\n\n%s") % (
            fd(dec, wd=False), fd(dec + days(3), wd=False), de_commune(c), fd(dec - days(rng.randint(30, 90)), wd=False, yr=False),
            rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'Reconnaissance catastrophe naturelle'
    else:
        p, cc, mail = citizen()
        body = ("Bonjour Monsieur le Sénateur,\n\nDepuis l'arrêté du %s fixant les nouvelles règles d'attribution de MaPrimeRénov', mon dossier déposé le %s "
                "est bloqué. Je n'ai plus aucune nouvelle de l'Anah.\n\nMerci de votre aide.\n\n%s") % (
            fd(dec, wd=False), fd(dec - days(rng.randint(20, 100)), wd=False), cit_sig(p, cc))
        return emit_non('decree', src, hd, p.full, mail, MAILBOX, 'MaPrimeRénov – dossier bloqué', body, feats=['decree', 'citizen'])
    return emit_non('decree', src, hd, o.sender_name, o.email, MAILBOX, subj, body, feats=['decree'])


# ---- roadworks, power cuts ---------------------------------------------------------------------
def non_roadworks(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    v = i % 6
    feats = ['roadworks']
    if v == 0 or src == 'pdf':
        a, b = rng.choice([('Sallanches', 'Passy'), ('Cluses', 'Magland'), ('Thônes', 'Le Grand-Bornand'), ('Bonneville', 'Marignier'),
                           ('Douvaine', 'Sciez'), ('Rumilly', 'Sales')])
        d1 = wday(d0 + days(rng.randint(7, 30)), [0])
        d2 = d1 + days(rng.choice([4, 11, 18]))
        rd = rng.choice(['RD 1205', 'RD 902', 'RD 909', 'RD 1203', 'RD 1005', 'RD 910'])
        if src == 'pdf':
            lines = [('DÉPARTEMENT DE LA HAUTE-SAVOIE', 13, True, 'c'), ('Arrêté temporaire de circulation', 12, True, 'c'), None,
                     ('Route départementale %s – entre %s et %s' % (rd[3:], a, b), 11, False, 'l'),
                     ('Du %s au %s, de 8 h 30 à 16 h 30, la circulation sera alternée par feux tricolores.' % (fd(d1), fd(d2)), 10, False, 'l'),
                     ('Vitesse limitée à 50 km/h au droit du chantier.', 10, False, 'l')]
            body = 'Mesdames et Messieurs les élus,\n\nVeuillez trouver ci-joint, pour information, l’arrêté de circulation relatif aux travaux sur la %s.\n\nCordialement,\nAgence technique départementale' % rd
            return emit_non('roadworks', 'pdf', hd, 'Département 74 – Agence technique', 'atd-arve@hautesavoie-departement.exemple.fr',
                            'undisclosed-recipients:;', 'Information travaux %s' % rd, body,
                            atts=[pdf_part(make_pdf(lines, 'Arrêté de circulation'), 'arrete_circulation_%s.pdf' % rd.replace(' ', ''))], feats=feats)
        body = ("Mesdames et Messieurs les élus,\n\nNous vous informons que des travaux de renforcement de chaussée seront réalisés sur la %s entre %s et %s "
                "%s, de %s à %s. La circulation sera alternée par feux ; des ralentissements sont à prévoir aux heures de pointe.\n\n"
                "Nous vous remercions de bien vouloir relayer cette information.\n\nL'Agence technique départementale") % (
            rd, a, b, date_range_phrase(d1, d2), tm((8, 30)), tm((16, 30)))
        return emit_non('roadworks', src, hd, 'Département 74 – Agence technique', 'atd@hautesavoie-departement.exemple.fr',
                        addr('Élus du secteur', 'elus-secteur@hautesavoie-departement.exemple.fr'), 'Travaux %s – %s / %s' % (rd, a, b), body, feats=feats)
    if v == 1:
        c = pick_commune()
        d = d0 + days(rng.randint(5, 20))
        st_ = street(date_like=True)
        body = ("Madame, Monsieur,\n\nAfin d'améliorer la qualité de la distribution électrique, nous réaliserons des travaux qui nécessitent une coupure "
                "d'électricité le %s %s.\n\nAdresses concernées :\n- %s, %s %s\n- %s, %s %s\n\nNous vous prions de nous excuser pour la gêne occasionnée.\n\n"
                "Le distributeur d'électricité – Agence Alpes") % (
            fd(d, yr=rng.random() < 0.5), rng.choice(['de %s à %s' % (tm((9, 0)), tm((12, 0))), 'entre %s et %s' % (tm((13, 30)), tm((16, 0)))]),
            st_, cp_of(c), c, street(), cp_of(c), c)
        return emit_non('roadworks', src, hd, 'Coupures programmées', 'coupures@reseau-electrique.exemple.fr', MAILBOX,
                        'Coupure pour travaux – %s' % c, body, feats=feats + ['power_cut', 'street_name_looks_like_date'])
    if v == 2:
        c = rng.choice(['Le Grand-Bornand', 'Mont-Saxonnex', 'Taninges', 'Samoëns', 'Chamonix-Mont-Blanc', 'Megève'])
        c = c if c in COMMUNES else 'Taninges'
        d1 = d0 + days(rng.randint(5, 30))
        d2 = d1 + days(rng.randint(3, 20))
        o = org_mairie(c)
        body = ("Monsieur le Sénateur,\n\nPour votre information, la route %s sera fermée à toute circulation %s pour des travaux de sécurisation après "
                "l'éboulement du %s. Une déviation sera mise en place par %s.\n\n%s\n\n%s") % (
            rng.choice(['du col', 'des Confins', 'forestière', 'de la vallée']), date_range_phrase(d1, d2), fd(d0 - days(rng.randint(2, 10)), wd=False, yr=False),
            rng.choice(NEAR.get(c, ['Cluses', 'Bonneville'])), rng.choice(CLOSE_SHORT), rng.choice(o.sigs))
        return emit_non('roadworks', src, hd, o.sender_name, o.email, MAILBOX, 'Fermeture de route', body, feats=feats)
    if v == 3:
        d1 = wday(d0 + days(rng.randint(5, 30)), [0])
        d2 = d1 + days(4)
        body = ("Mesdames et Messieurs les élus,\n\nEn raison de travaux de maintenance, le tunnel sera fermé à la circulation chaque nuit "
                "%s, de %s à %s. Les usagers sont invités à emprunter l'itinéraire de déviation.\n\nDirection interdépartementale des routes") % (
            date_range_phrase(d1, d2), tm((21, 0)), tm((6, 0)))
        return emit_non('roadworks', src, hd, 'DIR Centre-Est – Information trafic', 'info-trafic@dir-exemple.fr', 'undisclosed-recipients:;',
                        'Fermetures nocturnes du tunnel', body, feats=feats + ['undisclosed'])
    if v == 4:
        c = pick_commune()
        o = org_mairie(c)
        d = d0 + days(rng.randint(3, 15))
        body = ("Bonjour,\n\nEn raison d'une intervention sur le réseau, l'eau sera coupée le %s entre %s et %s dans le secteur %s.\n\n"
                "Service des eaux\n%s") % (fd(d, yr=False), tm((8, 0)), tm((14, 0)), rng.choice(['du Chef-Lieu', 'des Granges', 'de la Gare']), o.name)
        return emit_non('roadworks', src, hd, 'Service des eaux', o.email, 'undisclosed-recipients:;', 'Coupure d’eau', body,
                        feats=feats + ['water_cut', 'undisclosed'])
    d1 = wday(d0 + days(rng.randint(5, 40)), [5])
    body = ("Madame, Monsieur,\n\nEn raison de travaux sur les voies, la circulation des trains sera interrompue entre Annemasse et Évian-les-Bains "
            "%s. Des cars de substitution seront mis en place.\n\nService communication régional") % (date_range_phrase(d1, d1 + days(1), et=True))
    return emit_non('roadworks', src, hd, 'Information voyageurs', 'infos-voyageurs@ter-exemple.fr', 'undisclosed-recipients:;',
                    'Travaux – interruption des circulations', body, feats=feats + ['rail'])


def date_range_phrase(d1, d2, et=False):
    yr = rng.random() < 0.6
    if et:
        return 'les %s %s et %s %s %s' % (WD[d1.weekday()], jour(d1), WD[d2.weekday()], jour(d2), MO[d2.month - 1]) + (' %d' % d2.year if yr else '')
    if d1.month == d2.month:
        return 'du %s %s au %s %s %s' % (WD[d1.weekday()], jour(d1), WD[d2.weekday()], jour(d2), MO[d2.month - 1]) + (' %d' % d2.year if yr else '')
    return 'du %s au %s' % (fd(d1, yr=False), fd(d2, yr=yr))


# ---- appointment requests -------------------------------------------------------------------------
def non_appointment(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    prop = wday(d0 + days(rng.randint(4, 25)), [0, 1, 2, 3, 4])
    t = rng.choice([(9, 30), (10, 0), (11, 0), (14, 0), (14, 30), (16, 0), (17, 30)])
    v = i % 8
    feats = ['appointment_request']
    if src == 'ics':
        c = pick_commune()
        o = org_mairie(c)
        end = addmin(t, 60)
        ics = make_ics('REQUEST', 'rdv-%d@%s' % (i, domain_of(o.email)), 'Rendez-vous M. le Maire %s / Sénateur' % de_commune(c), prop, t, prop, end,
                       'Permanence du Sénateur, %s, 74000 Annecy' % street(), 'Proposition de rendez-vous pour évoquer le dossier de la gendarmerie.',
                       (o.person.full, o.email), mode='tzid', prodid=PRODIDS[0], stamp=hd)
        body = ("Bonjour,\n\nComme convenu par téléphone avec votre assistante, je vous propose un rendez-vous le %s à %s à votre permanence d'Annecy "
                "pour évoquer le projet de nouvelle gendarmerie. Je vous adresse une demande de réunion pour bloquer le créneau.\n\n%s\n\n%s") % (
            fd(prop, yr=False), tm(t), rng.choice(CLOSE_SHORT), rng.choice(o.sigs))
        root_atts = [ics_attachment(ics, 'rendez-vous.ics')]
        return emit_non('appointment', 'ics', hd, o.person.full, o.email, MAILBOX, 'Proposition de rendez-vous – %s' % fd(prop, yr=False), body,
                        atts=root_atts, feats=feats + ['ics_request'], notes='appointment request with iCalendar REQUEST: not an invitation to an event')
    if v == 0:
        p, c, mail = citizen()
        body = ("Monsieur le Sénateur,\n\nJe souhaiterais vous rencontrer lors de l'une de vos permanences au sujet de la situation de mon fils, "
                "en attente d'une place en établissement spécialisé depuis %s. Je suis disponible le %s à partir de %s, ou le %s dans la matinée.\n\n"
                "%s\n\n%s") % (rng.choice(['deux ans', 'le mois de septembre', 'dix-huit mois']), fd(prop, yr=False), tm(t),
                               fd(prop + days(rng.choice([1, 2, 7])), yr=False), rng.choice(CLOSE_FORMAL), cit_sig(p, c))
        return emit_non('appointment', src, hd, p.full, mail, MAILBOX, 'Demande de rendez-vous', body, feats=feats + ['citizen'])
    if v == 1:
        c = pick_commune()
        o = org_mairie(c)
        body = ("Monsieur le Sénateur,\n\nJe sollicite un rendez-vous afin d'évoquer le dossier de notre station d'épuration. Je pourrais venir à votre "
                "permanence le %s à %s, si cela vous convient ; à défaut, je m'adapterai à votre agenda.\n\n%s\n\n%s") % (
            fd(prop), tm(t), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        return emit_non('appointment', src, hd, o.person.full, o.email, MAILBOX, 'Demande de rendez-vous – station d’épuration', body, feats=feats)
    if v == 2:
        c = rng.choice(['Thyez', 'Scionzier', 'Cluses', 'Marnaz', 'Marignier', 'Rumilly'])
        o = org_company(c)
        body = ("Monsieur le Sénateur,\n\nNous aurions grand plaisir à vous faire visiter notre site de production %s et à vous présenter nos difficultés "
                "de recrutement. Nous pourrions vous recevoir le %s à %s, %s.\n\nN'hésitez pas à me proposer une autre date.\n\n%s\n\n%s") % (
            de_commune(c), fd(prop, yr=rng.random() < 0.5), tm(t), o.address, rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        return emit_non('appointment', src, hd, o.person.full, o.email, MAILBOX, 'Proposition de visite de notre entreprise', body,
                        feats=feats + ['company_visit'], notes='proposal to visit a company: an appointment, not an event')
    if v == 3:
        c = pick_commune()
        o = org_asso(c)
        body = ("Monsieur le Sénateur,\n\nNotre association souhaiterait vous présenter son projet de tiers-lieu. Pourrions-nous vous rencontrer "
                "en mairie %s le %s à %s ? Monsieur le Maire a accepté de nous prêter la salle du conseil.\n\n%s\n\n%s") % (
            de_commune(c), fd(prop, yr=False), tm(t), rng.choice(CLOSE_SHORT), rng.choice(o.sigs))
        return emit_non('appointment', src, hd, o.person.full, o.email, MAILBOX, 'Demande de rencontre', body, feats=feats)
    if v == 4:
        c = rng.choice(['Thônes', 'Abondance', 'Le Grand-Bornand', 'La Clusaz', 'Samoëns'])
        p = person('M')
        prop = wday(prop, [5])
        body = ("Monsieur le Sénateur,\n\nLes Jeunes Agriculteurs du canton souhaiteraient échanger avec vous sur la réforme des retraites agricoles et "
                "la prédation. Nous vous proposons de venir sur l'exploitation du GAEC des Granges, %s, le %s vers %s.\n\n"
                "Merci de nous dire si ce créneau vous convient.\n\n%s\n%s\nPrésident des JA du canton\n%s") % (
            c, fd(prop, yr=False), tm(t), rng.choice(CLOSE_SHORT), p.full, phone(mobile=True))
        return emit_non('appointment', src, hd, p.full, private_mail(p), MAILBOX, 'Rencontre avec les Jeunes Agriculteurs', body, feats=feats,
                        notes='proposal to meet the senator on a farm: an appointment request')
    if v == 5:
        c = pick_commune()
        o = org_mairie(c)
        past = prop - days(rng.randint(20, 40))
        body = ("Bonjour,\n\nJe vous confirme notre rendez-vous du %s à %s à votre permanence, avec M. %s, directeur général des services.\n\n"
                "Pour mémoire, nous souhaitons évoquer les suites de la réunion du %s en sous-préfecture.\n\n%s\n\n%s") % (
            fd(prop, yr=False), tm(t), person('M').nom, fd(past, wd=False, yr=False), rng.choice(CLOSE_SHORT), rng.choice(o.sigs))
        return emit_non('appointment', src, hd, o.person.full, o.email, MAILBOX, 'Confirmation de notre rendez-vous', body, feats=feats + ['confirmation'])
    if v == 6:
        p, c, mail = citizen()
        body = ("Bonjour,\n\nJ'ai rendez-vous à la préfecture le %s à %s pour le renouvellement de mon titre de séjour, mais il me manque encore l'attestation de mon employeur. "
                "Pourriez-vous m'aider ou me recevoir avant cette date ?\n\nMerci beaucoup,\n%s") % (fd(prop), tm(t), cit_sig(p, c, False))
        return emit_non('appointment', src, hd, p.full, mail, MAILBOX, 'Titre de séjour – demande d’aide', body, feats=feats + ['citizen'])
    c = pick_commune()
    o = org_mairie(c)
    body = ("Monsieur le Sénateur,\n\nÀ l'occasion de votre passage dans la vallée, accepteriez-vous de nous recevoir – ou de venir en mairie %s – "
            "pour faire le point sur le dossier de la maison de santé ? Je serais disponible le %s toute la journée.\n\n%s\n\n%s") % (
        de_commune(c), fd(prop, yr=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
    return emit_non('appointment', src, hd, o.person.full, o.email, MAILBOX, 'Point sur la maison de santé', body, feats=feats)


# ---- thank-you letters and reports after an event ------------------------------------------------
def non_thanks(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    ev_d = d0 - days(rng.randint(1, 20))
    c = pick_commune()
    v = i % 6
    what = rng.choice([("l'", "inauguration de la nouvelle médiathèque"), ('la', 'cérémonie du 11 Novembre'), ("l'", 'assemblée générale de notre association'),
                       ('la', 'cérémonie des vœux'), ('le', 'comice agricole'), ('la', 'Sainte-Barbe de notre centre'), ('le', 'repas des aînés')])
    feats = ['after_event', 'thanks']
    if v in (0, 1):
        o = org_mairie(c)
        body = ("Monsieur le Sénateur,\n\nAu nom du conseil municipal, je tiens à vous remercier d'avoir honoré de votre présence %s, le %s. "
                "Votre intervention a été très appréciée des habitants.\n\n%s\n\n%s\n\n%s") % (
            THE(what), fd(ev_d, yr=rng.random() < 0.5), rng.choice(['Vous trouverez ci-joint quelques photos de la cérémonie.',
                                                                   'Nous espérons vous accueillir à nouveau très bientôt.',
                                                                   'Un article paraîtra dans le prochain bulletin municipal.']),
            rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = rng.choice(['Remerciements', 'Merci !', 'Remerciements – %s' % cap(what[1])])
        frm, mail = o.sender_name, o.email
    elif v == 2:
        o = org_asso(c)
        body = ("Cher Didier,\n\nUn grand merci d'être passé %s à notre %s : les bénévoles ont été très touchés. "
                "Nous avons réuni plus de 200 personnes, un record !\n\nÀ bientôt,\n%s") % (
            rng.choice(['samedi dernier', 'dimanche', 'ce week-end']), what[1], o.person.prenom)
        subj = 'Merci pour samedi'
        frm, mail = o.person.full, o.email
        feats.append('relative_past')
    elif v == 3:
        o = org_pompiers(c)
        body = ("Monsieur le Sénateur,\n\nLe chef de centre et l'ensemble des sapeurs-pompiers %s vous remercient pour votre présence lors de la Sainte-Barbe du %s "
                "et pour vos mots à l'attention des nouveaux promus.\n\n%s\n\n%s") % (de_commune(c), fd(ev_d, wd=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'Remerciements Sainte-Barbe'
        frm, mail = o.sender_name, o.email
    elif v == 4:
        o = org_asso(c)
        body = ("Monsieur le Sénateur,\n\nNous avons bien reçu votre message d'excuse pour notre assemblée générale du %s à %s. Nous regrettons votre absence "
                "mais remercions votre attachée parlementaire d'avoir représenté le Sénat.\n\nVous trouverez ci-dessous le compte rendu de la séance : "
                "62 adhérents présents, rapport moral et rapport financier adoptés à l'unanimité.\n\n%s\n\n%s") % (
            fd(ev_d), tm(rng.choice([(18, 0), (20, 0), (19, 0)])), rng.choice(CLOSE_SHORT), rng.choice(o.sigs))
        subj = 'Compte rendu de notre AG'
        frm, mail = o.person.full, o.email
        feats.append('report')
    else:
        o = org_mairie(c)
        body = ("Monsieur le Sénateur,\n\nJe tenais à vous remercier pour votre soutien dans l'obtention de la subvention DETR notifiée le %s. "
                "Les travaux de l'école pourront commencer le %s comme prévu.\n\n%s\n\n%s") % (
            fd(ev_d, wd=False), fd(d0 + days(rng.randint(20, 90)), wd=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        subj = 'Remerciements – subvention'
        frm, mail = o.person.full, o.email
    if src == 'forward':
        fname, fmail, _, _ = pick_forwarder('attachee', o)
        orig = hd - dt.timedelta(hours=rng.randint(2, 40))
        how = rng.choice(['gmail', 'outlook'])
        body = 'Pour info, remerciements reçus.\n\n' + fwd_header_block(how, frm, mail, orig, SENATOR_MAIL, subj) + '\n\n' + body
        return emit_non('thanks', 'forward', hd, fname, fmail, MAILBOX, ('TR: ' if how == 'outlook' else 'Fwd: ') + subj, body,
                        feats=feats + ['forward_' + how], refs=[orig])
    return emit_non('thanks', src, hd, frm, mail, MAILBOX, subj, body, feats=feats)


def non_report(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    ev_d = d0 - days(rng.randint(2, 30))
    c = pick_commune()
    o = org_asso(c)
    if src == 'pdf':
        lines = [(o.name, 13, True, 'c'), ('Compte rendu de l’assemblée générale', 12, True, 'c'), None,
                 ('Réunie le %s à %s, %s %s' % (fd(ev_d), '20 h', A(('la', 'salle des fêtes')), de_commune(c)), 10, False, 'l'),
                 ('Présents : 48 adhérents. Représentés : 12.', 10, False, 'l'),
                 ('Rapport moral et rapport financier adoptés à l’unanimité.', 10, False, 'l'),
                 ('Prochaine réunion du bureau : %s.' % fd(d0 + days(rng.randint(15, 40)), wd=False), 10, False, 'l')]
        body = 'Bonjour,\n\nVeuillez trouver ci-joint le compte rendu de notre dernière assemblée générale.\n\nCordialement,\n%s' % o.cover_signer
        return emit_non('report', 'pdf', hd, o.person.full, o.email, MAILBOX, 'Compte rendu AG', body,
                        atts=[pdf_part(make_pdf(lines, 'Compte rendu'), 'CR_AG_%d.pdf' % ev_d.year)], feats=['after_event', 'report'])
    body = ("Bonjour à tous,\n\nRetour sur notre %s du %s : près de %d participants, une météo idéale et un bénéfice qui financera la sortie des enfants "
            "prévue le %s.\n\nMerci à tous les bénévoles et aux élus présents, dont M. le Sénateur Vautrin.\n\n%s") % (
        rng.choice(['vide-greniers', 'fête du village', 'loto', 'tournoi de pétanque']), fd(ev_d, yr=False), rng.randint(80, 400),
        fd(d0 + days(rng.randint(20, 60)), wd=False, yr=False), rng.choice(o.sigs))
    return emit_non('report', src, hd, o.sender_name, o.email, MAILBOX, 'Retour sur notre manifestation', body, feats=['after_event', 'report'])


# ---- cancellations -----------------------------------------------------------------------------
def non_cancellation(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    ev_d = wday(d0 + days(rng.randint(3, 25)), [4, 5])
    c = pick_commune()
    o = org_mairie(c) if i % 2 == 0 else org_asso(c)
    t = weekday_time(ev_d)
    what = rng.choice([('la', 'cérémonie des vœux'), ("l'", "inauguration de la passerelle"), ("l'", 'assemblée générale'), ('le', 'concert de printemps'),
                       ('la', 'fête du village'), ('la', 'soirée de gala')])
    feats = ['cancellation']
    if src == 'ics':
        ics = make_ics('CANCEL', 'evt-%d@%s' % (i, domain_of(o.email)), cap(what[1]), ev_d, t, ev_d, addmin(t, 120),
                       '%s, %s %s' % (cap(hall_generic()[1]), cp_of(c), c), 'Événement annulé.', (o.person.full, o.email),
                       mode=rng.choice(['tzid', 'utc']), prodid=rng.choice(PRODIDS[:2]), stamp=hd, sequence=1)
        body = ("Bonjour,\n\n%s prévu%s le %s est annulé%s. Nous sommes désolés pour ce contretemps.\n\n%s") % (
            cap(THE(what)), 'e' if what[0] == 'la' or what[1].startswith(('inauguration', 'assemblée')) else '', fd(ev_d, yr=False),
            'e' if what[0] == 'la' or what[1].startswith(('inauguration', 'assemblée')) else '', rng.choice(o.sigs))
        root = mp('alternative', [text_part(body, 'plain', 'utf-8', 'quoted-printable'), ics_alternative(ics, 'CANCEL')])
        mid = message_id(domain_of(o.email))
        headers = std_headers(addr(o.sender_name, o.email), MAILBOX, 'Annulé : %s' % cap(what[1]), hd, mid, 'utf-8', None, mailer())
        rec = Rec(data=build_message(headers, root), date=hd, message_id=mid, invitation=False, events=[], source='ics',
                  notes='iCalendar METHOD:CANCEL without a new date', category='non:cancellation',
                  features=sorted(feats + ['ics_cancel']), check_refs=[hd], mismatches=[])
        MSGS.append(rec)
        return rec
    fem = what[0] == 'la' or what[1].startswith(('inauguration', 'assemblée'))
    body = ("Monsieur le Sénateur,\n\nNous avons le regret de vous informer que %s, prévu%s le %s à %s %s, est annulé%s en raison %s.\n\n"
            "%s\n\n%s\n\n%s") % (
        THE(what), 'e' if fem else '', fd(ev_d, yr=rng.random() < 0.5), tm(t), where_phrase(Ev(hall=hall_generic(), commune=c), 'hall_de'),
        'e' if fem else '', rng.choice(["d'un deuil dans la commune", 'des intempéries annoncées', "de l'indisponibilité de la salle",
                                       'du nombre insuffisant d’inscrits']),
        rng.choice(['Nous ne manquerons pas de vous tenir informé si une nouvelle date devait être fixée.',
                    'Aucune nouvelle date n’est prévue pour le moment.', 'Nous vous prions de nous excuser pour ce désagrément.']),
        rng.choice(CLOSE_FORMAL + CLOSE_SHORT), rng.choice(o.sigs))
    subj = rng.choice(['ANNULATION – %s' % cap(what[1]), 'Annulation', '%s annulé%s' % (cap(what[1]), 'e' if fem else '')])
    if src == 'forward':
        fname, fmail, _, _ = pick_forwarder('attachee', o)
        orig = hd - dt.timedelta(hours=rng.randint(1, 30))
        body = "Annulé, je retire de l'agenda.\n\n" + fwd_header_block('thunderbird', o.sender_name, o.email, orig, SENATOR_MAIL, subj) + '\n\n' + body
        return emit_non('cancellation', 'forward', hd, fname, fmail, MAILBOX, 'Fwd: ' + subj, body, feats=feats + ['forward_thunderbird'], refs=[orig])
    return emit_non('cancellation', src, hd, o.sender_name, o.email, MAILBOX, subj, body, feats=feats)


# ---- mass mailings to the public or members -------------------------------------------------------
def non_newsletter(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    c = pick_commune()
    o = org_mairie(c)
    dom = 'lettre.' + domain_of(o.email)
    v = i % 5
    feats = ['mass_mailing', 'list_headers']
    evd = wday(d0 + days(rng.randint(5, 30)), [4, 5, 6])
    t = weekday_time(evd)
    if src == 'pdf':
        lines = [('%s EN FÊTE' % c.upper(), 15, True, 'c'), None, ('Programme', 12, True, 'c'),
                 ('%s' % cap(fd(evd)), 11, True, 'c'), ('%s  Ouverture de la fête, place de la Mairie' % fr_time(t, 'h'), 10, False, 'l'),
                 ('%s  Concours de pétanque' % fr_time(addmin(t, 180), 'h'), 10, False, 'l'),
                 ('21h30  Bal populaire et feu d’artifice', 10, False, 'l'), None, ('Venez nombreux !', 12, True, 'c')]
        body = 'Chers habitants,\n\nRetrouvez en pièce jointe le programme de la fête du village.\n\nVenez nombreux !\n\nLa municipalité' + rng.choice(UNSUB) % dom
        return emit_non('newsletter', 'pdf', hd, o.name, 'ne-pas-repondre@' + dom, 'undisclosed-recipients:;', 'Programme de la fête du village',
                        body, atts=[pdf_part(make_pdf(lines, 'Programme'), 'programme_fete.pdf')], extra=bulk_headers('Lettre ' + de_commune(c), dom),
                        feats=feats + ['venez_nombreux'])
    if src == 'ics':
        ics = make_ics('PUBLISH', 'pub-%d@%s' % (i, dom), 'Marché de Noël %s' % de_commune(c), evd, t, evd, addmin(t, 300),
                       'Place du Marché, %s %s' % (cp_of(c), c), 'Marché de Noël – entrée libre', (o.name, 'ne-pas-repondre@' + dom),
                       mode='tzid', prodid=PRODIDS[5], stamp=hd, attendee=False)
        body = ('Chers habitants,\n\nLe marché de Noël aura lieu le %s %s, place du Marché. Ajoutez l’événement à votre agenda grâce au fichier joint.\n\n'
                'Venez nombreux !\n\nLa municipalité') % (fd(evd, yr=False), 'à partir de ' + tm(t)) + rng.choice(UNSUB) % dom
        return emit_non('newsletter', 'ics', hd, o.name, 'ne-pas-repondre@' + dom, 'undisclosed-recipients:;', 'Marché de Noël – ajoutez la date à votre agenda',
                        body, atts=[ics_attachment(ics, 'marche-noel.ics', 'PUBLISH')], extra=bulk_headers('Infos ' + de_commune(c), dom),
                        feats=feats + ['ics_publish', 'venez_nombreux'])
    if v == 0:
        body = ("Chers habitants,\n\nLa municipalité a le plaisir de vous inviter à %s, le %s %s à la salle des fêtes.\n\n"
                "Venez nombreux !\n\n%s, Maire %s") % (
            'la cérémonie des vœux' if evd.month == 1 else rng.choice(['la fête de la musique' if evd.month == 6 else 'la fête du village',
                                                                      'la soirée de remise des prix des maisons fleuries', 'l’inauguration du city-stade']),
            fd(evd, yr=rng.random() < 0.5), a_time(t), o.person.full, de_commune(c)) + rng.choice(UNSUB) % dom
        subj = 'Invitation à toute la population'
        to = 'undisclosed-recipients:;'
        feats.append('venez_nombreux')
        notes = 'sent to the public (undisclosed recipients, unsubscribe footer) despite the invitation wording'
    elif v == 1:
        items = []
        d = d0 + days(rng.randint(3, 8))
        for k in range(rng.randint(4, 6)):
            d = wday(d + days(rng.randint(2, 7)), [2, 4, 5, 6])
            tt = rng.choice([(10, 0), (14, 30), (18, 30), (20, 0), (20, 30)])
            items.append('- %s, %s : %s' % (cap(fd(d, yr=False)), tm(tt, 'h'), rng.choice([
                'conférence « Histoire de nos alpages », médiathèque', 'marché des producteurs, place de l’Église',
                'spectacle jeune public, salle des fêtes', 'conseil municipal (séance publique), salle du conseil',
                'collecte de sang, salle polyvalente', 'thé dansant du Club des aînés', 'concert de la chorale à l’église'])))
        body = ("LA LETTRE %s – %s %d\n\nL'agenda du mois :\n%s\n\nÀ la une : les travaux de la place du Marché se poursuivent jusqu'au %s.\n\n"
                "Bonne lecture !") % (de_commune(c).upper(), MO[d0.month - 1], d0.year, '\n'.join(items),
                                      fd(d0 + days(rng.randint(20, 60)), wd=False, yr=False)) + rng.choice(UNSUB) % dom
        subj = 'La lettre %s – %s %d' % (de_commune(c), MO[d0.month - 1], d0.year)
        to = addr('Abonnés', 'abonnes@' + dom)
        notes = 'municipal newsletter with an agenda'
        feats.append('municipal_agenda')
    elif v == 2:
        a = org_asso(c)
        body = ("À tous nos adhérents,\n\nNotre assemblée générale aura lieu le %s %s %s %s. Votre présence est indispensable pour atteindre le quorum !\n\n"
                "Venez nombreux,\n\nLe bureau – %s") % (
            fd(evd, yr=False), a_time(t), A(('la', 'Maison des associations')), de_commune(c), a.name) + rng.choice(UNSUB) % dom
        subj = 'Convocation AG – à tous nos adhérents'
        to = addr('Adhérents', 'adherents@' + dom)
        frm = a.name
        feats.append('members_mailing')
        return emit_non('newsletter', src, hd, frm, 'bureau@' + dom, to, subj, body, extra=bulk_headers('Adhérents ' + a.name, dom),
                        feats=feats, notes='mailing to all members of the association')
    elif v == 3:
        body = ("Chers parents, chers habitants,\n\nLa kermesse de l'école aura lieu le %s %s dans la cour de l'école. Jeux, tombola, buvette : "
                "on vous attend nombreux !\n\nL'équipe du Sou des écoles") % (fd(evd, yr=False), 'dès ' + tm(t)) + rng.choice(UNSUB) % dom
        subj = 'Kermesse de l’école !'
        to = 'undisclosed-recipients:;'
        feats.append('venez_nombreux')
        notes = None
    else:
        body = ("Bonjour à toutes et à tous,\n\nL'Office de tourisme vous donne rendez-vous cet été : feu d'artifice du 14 juillet au bord du lac, "
                "marchés nocturnes chaque jeudi %s, et fête des guides le %s.\n\nToute l'équipe vous attend !") % (
            'à partir de ' + tm((18, 0)), fd(D(evd.year if evd.month < 8 else evd.year + 1, 8, 15), wd=False)) + rng.choice(UNSUB) % dom
        subj = 'Les rendez-vous de l’été'
        to = 'undisclosed-recipients:;'
        notes = None
    return emit_non('newsletter', src, hd, o.name if v != 4 else 'Office de tourisme', 'ne-pas-repondre@' + dom, to, subj, body,
                    fmt=rng.choice(['html', 'alt', 'alt']), extra=bulk_headers('Lettre ' + de_commune(c), dom), feats=feats, notes=notes)


# ---- webinars and video meetings -----------------------------------------------------------------
WEBINAR_ORGS = [('Association des maires de France', 'webinaires@amf-exemple.fr'), ('Banque des Territoires', 'evenements@bdt-exemple.fr'),
                ('Agence nationale de la cohésion des territoires', 'webinaires@anct-exemple.fr'), ('Cerema – Centre-Est', 'formation@cerema-exemple.fr'),
                ('Préfecture de la Haute-Savoie', 'pref-cabinet@haute-savoie-prefecture.exemple.fr'),
                ('Délégation aux collectivités territoriales', 'delegation-collectivites@senat-exemple.fr')]
WEBINAR_TOPICS = ['la réforme de la DGF', 'le zéro artificialisation nette', 'la rénovation énergétique des écoles', 'le Fonds vert',
                  'la compétence eau et assainissement', 'la prévention des risques en montagne', 'les dotations 2026']


def non_webinar(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    d = wday(d0 + days(rng.randint(3, 30)), [0, 1, 2, 3, 4])
    t = rng.choice([(9, 30), (10, 0), (11, 0), (14, 0), (17, 30), (18, 0)])
    e = addmin(t, rng.choice([60, 90, 120]))
    org, mail = WEBINAR_ORGS[i % len(WEBINAR_ORGS)]
    topic = rng.choice(WEBINAR_TOPICS)
    feats = ['online_only']
    platform = rng.choice(['Zoom', 'Microsoft Teams', 'Webex', 'Livestorm'])
    link = {'Zoom': 'https://zoom.us/j/9%09d' % rng.randrange(10 ** 9), 'Microsoft Teams': 'https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%s' % ''.join(rng.choice('abcdef0123456789') for _ in range(16)),
            'Webex': 'https://meetingsemea.webex.com/meet/%s' % ''.join(rng.choice('abcdefgh') for _ in range(8)),
            'Livestorm': 'https://app.livestorm.co/%s/webinaire' % slug(org)[:12]}[platform]
    if src == 'ics':
        desc = 'Réunion en ligne – %s\nRejoindre : %s' % (topic, link)
        ics = make_ics('REQUEST', 'web-%d@%s' % (i, domain_of(mail)), 'Visioconférence – %s' % topic, d, t, d, e,
                       'Réunion %s' % platform if rng.random() < 0.6 else link, desc, (org, mail), mode=rng.choice(['tzid', 'utc']),
                       prodid=PRODIDS[0] if platform == 'Microsoft Teams' else rng.choice(PRODIDS), stamp=hd)
        body = ("Mesdames et Messieurs les parlementaires,\n\nJe vous propose un temps d'échange en visioconférence sur %s, le %s de %s à %s.\n\n"
                "Rejoindre la réunion %s : %s\n\n%s\n%s") % (topic, fd(d, yr=False), tm(t, 'h'), tm(e, 'h'), platform, link,
                                                            rng.choice(CLOSE_SHORT), org)
        root = mp('alternative', [text_part(body, 'plain', 'utf-8', 'quoted-printable'), text_part(html_from_text(body), 'html', 'utf-8', 'quoted-printable'),
                                  ics_alternative(ics, 'REQUEST')])
        mid = message_id(domain_of(mail))
        headers = std_headers(addr(org, mail), MAILBOX, 'Visioconférence – %s' % topic, hd, mid, 'utf-8', None, [('X-Mailer', 'Microsoft Outlook 16.0')])
        rec = Rec(data=build_message(headers, root), date=hd, message_id=mid, invitation=False, events=[], source='ics',
                  notes='online meeting with an iCalendar REQUEST: no place to attend', category='non:webinar',
                  features=sorted(feats + ['ics_request', platform.lower().replace(' ', '_')]), check_refs=[hd], mismatches=[])
        MSGS.append(rec)
        return rec
    v = i % 3
    if v == 0:
        body = ("Madame, Monsieur,\n\n%s a le plaisir de vous inviter à son webinaire consacré à %s, le %s de %s à %s.\n\n"
                "Inscription gratuite mais obligatoire avant le %s : %s\n\nLe lien de connexion vous sera adressé la veille.\n\nL'équipe %s") % (
            org, topic, fd(d), tm(t, 'h'), tm(e, 'h'), fd(d - days(2), wd=False, yr=False), link, org)
        subj = 'Webinaire – %s' % topic
    elif v == 1:
        body = ("Monsieur le Sénateur,\n\nLe Préfet souhaite réunir les parlementaires du département en visioconférence le %s à %s afin de faire le point sur %s.\n\n"
                "Lien %s : %s\n\nLe cabinet du Préfet") % (fd(d, yr=False), tm(t), topic, platform, link)
        subj = 'Réunion en visioconférence des parlementaires'
        org, mail = WEBINAR_ORGS[4]
    else:
        body = ("Bonjour,\n\nNous vous convions à notre matinale en ligne « %s » %s, %s.\n\nPour vous connecter : %s\n\nÀ très vite,\n%s") % (
            topic, date_phrase(Ev(date=d, numfmt='%02d/%02d', end_date=None), 'full'), 'de %s à %s' % (tm(t, 'h'), tm(e, 'h')), link, org)
        subj = 'Matinale en ligne : %s' % topic
    return emit_non('webinar', src, hd, org, mail, MAILBOX, subj, body, feats=feats, notes='online only')


# ---- press ----------------------------------------------------------------------------------------
def non_press(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    c = rng.choice(BIG)
    o = org_mairie(c)
    d = wday(d0 + days(rng.randint(3, 20)), [0, 1, 2, 3, 4, 5])
    t = weekday_time(d)
    press_to = ', '.join(['redaction.%s@%s' % (slug(c)[:10], dom) for dom in rng.sample(['quotidien-alpes.exemple.fr', 'radio-pays.exemple.fr',
                                                                                            'hebdo-savoyard.exemple.fr', 'tv-locale.exemple.fr'], 3)])
    v = i % 3
    feats = ['press']
    if src == 'pdf':
        lines = [('COMMUNIQUÉ DE PRESSE', 15, True, 'c'), ('%s, le %s' % (c, fd(d0, wd=False)), 10, False, 'l'), None,
                 ('La Ville %s inaugurera sa nouvelle maison de santé le %s à %s.' % (de_commune(c), fd(d), fr_time(t, 'spaced')), 11, False, 'l'),
                 ('Un dossier de presse complet est disponible sur demande.', 10, False, 'l'), None, ('Contact presse : %s' % o.phone, 10, False, 'l')]
        body = 'Bonjour,\n\nVeuillez trouver ci-joint notre communiqué de presse.\n\nService communication\n%s' % o.name
        return emit_non('press', 'pdf', hd, 'Service communication – ' + o.name, 'communication@' + domain_of(o.email), press_to,
                        'Communiqué de presse – maison de santé', body, atts=[pdf_part(make_pdf(lines, 'Communiqué'), 'CP_maison_de_sante.pdf')],
                        feats=feats, notes='press release addressed to the media')
    if v == 0:
        body = ("COMMUNIQUÉ DE PRESSE\n%s, le %s\n\nLa Ville %s inaugurera le %s à %s %s. Ce nouvel équipement de 1 200 m² a représenté un investissement de 4,2 M€.\n\n"
                "Contact presse : %s – %s") % (c, fd(d0, wd=False), de_commune(c), fd(d, yr=False), tm(t),
                                              rng.choice(['sa nouvelle médiathèque', 'le pôle enfance', 'la halle du marché rénovée']), person('F').full, o.phone)
        subj = 'CP – inauguration'
    elif v == 1:
        body = ("INVITATION PRESSE\n\nMesdames et Messieurs les journalistes,\n\nVous êtes cordialement invités au point presse organisé le %s à %s en mairie %s, "
                "en présence de %s, Maire, à l'occasion du lancement du budget participatif.\n\nMerci de confirmer votre venue au service communication.\n\n%s") % (
            fd(d, yr=False), tm(t), de_commune(c), o.person.full, o.name)
        subj = 'Invitation presse – lancement du budget participatif'
        feats.append('press_invitation')
    else:
        body = ("Communiqué\n\nLe Sénateur Didier Vautrin tiendra une permanence délocalisée %s le %s de %s à %s, en mairie. "
                "Les habitants qui le souhaitent pourront le rencontrer sans rendez-vous.\n\nPermanence du Sénateur") % (
            a_commune(c), fd(d, yr=False), tm((9, 0)), tm((12, 0)))
        return emit_non('press', src, hd, OFFICE_NAME, MAILBOX, press_to, 'Communiqué – permanence délocalisée', body, cc=MAILBOX,
                        feats=feats + ['office_own_event'], notes="the office's own press release")
    return emit_non('press', src, hd, 'Service communication – ' + o.name, 'communication@' + domain_of(o.email), press_to, subj, body,
                    cc=None, feats=feats, notes='press release / press invitation addressed to the media')


# ---- surveys, petitions, relays -------------------------------------------------------------------
def non_survey(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    dl = d0 + days(rng.randint(7, 45))
    v = i % 4
    feats = ['survey_petition']
    if v == 0:
        body = ("Madame, Monsieur,\n\nDans le cadre de notre étude sur l'accès aux soins en zone de montagne, nous vous remercions de bien vouloir répondre à notre "
                "questionnaire en ligne avant le %s : https://enquete.exemple.fr/sante-montagne\n\nLes résultats seront présentés le %s lors de notre colloque.\n\n"
                "Observatoire régional de la santé") % (fd(dl, wd=False), fd(dl + days(rng.randint(30, 80)), wd=False))
        return emit_non('survey', src, hd, 'Observatoire régional de la santé', 'enquetes@ors-exemple.fr', MAILBOX, 'Questionnaire – accès aux soins',
                        body, feats=feats)
    if v == 1:
        c = pick_commune()
        p, _, mail = citizen()
        body = ("Bonjour,\n\nLe bureau de poste %s doit fermer le %s. Nous avons lancé une pétition qui a déjà recueilli 1 800 signatures. "
                "Nous vous invitons à la signer et à la partager avant le %s : https://petition.exemple.fr/poste-%s\n\nMerci pour votre soutien,\n%s") % (
            de_commune(c), fd(dl + days(rng.randint(20, 60)), wd=False), fd(dl, yr=False), slug(c), p.full)
        return emit_non('survey', src, hd, p.full, mail, MAILBOX, 'Pétition – bureau de poste %s' % de_commune(c), body, feats=feats + ['petition'])
    if v == 2:
        c = pick_commune()
        o = org_asso(c, ASSOS[5])
        d = wday(d0 + days(rng.randint(5, 25)), [5])
        body = ("Monsieur le Sénateur,\n\nPourriez-vous relayer sur vos réseaux notre collecte de sang du %s, de %s à %s, à la salle polyvalente %s ? "
                "Les réserves sont au plus bas.\n\nMerci d'avance,\n%s") % (fd(d, yr=False), tm((8, 0), 'h'), tm((12, 30), 'h'), de_commune(c), rng.choice(o.sigs))
        return emit_non('survey', src, hd, o.person.full, o.email, MAILBOX, 'Demande de relais – collecte de sang', body, feats=feats + ['relay_request'],
                        notes='asks the office to relay information, not to attend')
    body = ("Bonjour,\n\nLa consultation citoyenne sur le futur schéma de mobilité du Chablais est ouverte jusqu'au %s. Merci de la relayer auprès des habitants.\n\n"
            "Syndicat des mobilités du Chablais") % fd(dl)
    return emit_non('survey', src, hd, 'Syndicat des mobilités', 'consultation@mobilites-chablais.exemple.fr', 'undisclosed-recipients:;',
                    'Consultation citoyenne – mobilités', body, feats=feats + ['undisclosed'])


# ---- replies to the office's own invitations ------------------------------------------------------
def non_reply_office(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    d = wday(d0 + days(rng.randint(3, 20)), [0, 2, 4, 5])
    t = rng.choice([(18, 0), (18, 30), (10, 0), (17, 30)])
    host = rng.choice(['Bonneville', 'Cluses', 'Thonon-les-Bains', 'Rumilly', 'Saint-Julien-en-Genevois', 'Sallanches'])
    office_event = rng.choice([
        ("la réunion d'information des maires sur le projet de loi de finances", 'Réunion d’information des maires'),
        ('la rencontre annuelle du Sénateur avec les élus du canton', 'Rencontre annuelle avec les élus'),
        ('la réunion publique sur la réforme des retraites agricoles', 'Réunion publique – retraites agricoles')])
    c = pick_commune()
    o = org_mairie(c)
    v = i % 4
    hall = rng.choice(['la salle des fêtes', "l'Espace Agora", 'la salle du conseil municipal'])
    orig_txt = ("Le Sénateur Didier Vautrin a le plaisir de vous inviter à %s, le %s à %s, %s %s.\n\nMerci de confirmer votre présence par retour de mail.\n\n"
                "Permanence du Sénateur Didier Vautrin") % (office_event[0], fd(d), tm(t), 'à ' + hall, de_commune(host))
    sent = hd - dt.timedelta(days=rng.randint(2, 10))
    quote = '\n'.join('> ' + l if l else '>' for l in orig_txt.split('\n'))
    hdr = 'Le %s à %02d:%02d, %s <%s> a écrit :' % (fd(sent.date(), yr=True), sent.hour, sent.minute, OFFICE_NAME, MAILBOX)
    if v == 0:
        body = ('Bonjour,\n\nJe serai présent à la réunion du %s à %s %s. Je viendrai accompagné de mon premier adjoint.\n\n%s\n\n%s\n\n%s\n%s') % (
            fd(d, yr=False), tm(t), de_commune(host), rng.choice(CLOSE_SHORT), rng.choice(o.sigs), hdr, quote)
        feats = ['reply_acceptance', 'quoted_office_invitation']
    elif v == 1:
        body = ("Monsieur le Sénateur,\n\nJe vous remercie pour votre invitation. Retenu par le conseil d'école, je ne pourrai malheureusement pas assister à %s du %s ; "
                "je me ferai représenter par mon adjointe, Mme %s.\n\n%s\n\n%s") % (
            office_event[0].split(' ', 1)[1] if office_event[0].startswith('la ') else office_event[0], fd(d, yr=False), person('F').full,
            rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        feats = ['reply_apology']
    elif v == 2:
        body = ('Bonjour,\n\nNous serons deux élus pour la réunion de %s. Merci pour l’organisation !\n\n%s\n\n%s\n%s') % (
            rng.choice(['vendredi', 'samedi', 'lundi prochain', 'la semaine prochaine']) if rng.random() < 0.4 else fd(d, yr=False),
            rng.choice(o.sigs), hdr, quote)
        feats = ['reply_acceptance', 'quoted_office_invitation']
    else:
        body = ("Monsieur le Sénateur,\n\nSuite à votre aimable invitation du %s, j'ai le regret de ne pouvoir être parmi vous le %s à %s. "
                "Je vous prie de bien vouloir excuser mon absence.\n\n%s\n\n%s") % (
            fd(sent.date(), wd=False, yr=False), fd(d, yr=False), host, rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        feats = ['reply_apology']
    irt = message_id('senat-vautrin-exemple.fr')
    return emit_non('reply_office', src, hd, o.person.full, o.email, MAILBOX, 'RE: Invitation – %s' % office_event[1], body, feats=feats,
                    notes="reply to the office's own invitation: the office organises", refs=[sent], in_reply_to=irt)


# ---- subsidy requests describing a future event ---------------------------------------------------
def non_subsidy(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    d1 = wday(d0 + days(rng.randint(45, 200)), [4])
    d2 = d1 + days(2)
    c = pick_commune()
    o = org_asso(c, rng.choice([ASSOS[0], ASSOS[4], ASSOS[8], ASSOS[11]]))
    fest_np = rng.choice([('le', 'festival « Rock’n’Alpes »'), ('le', 'festival de musique baroque'), ('le', 'festival du film de montagne'),
                          ('le', 'salon des métiers d’art'), ('les', 'rencontres de la BD')])
    fest = fest_np[1]
    edition = rng.randint(3, 25)
    feats = ['subsidy_request', 'future_event_described']
    if src == 'pdf':
        lines = [(o.name, 13, True, 'c'), ('Dossier de demande de subvention', 12, True, 'c'), None,
                 ('Projet : %de édition %s' % (edition, DE(fest_np)), 11, True, 'l'),
                 ('Dates : %s' % date_range_phrase(d1, d2), 10, False, 'l'),
                 ('Lieu : parc de la mairie, %s %s' % (cp_of(c), c), 10, False, 'l'),
                 ('Budget prévisionnel : 48 500 €', 10, False, 'l'), ('Subvention sollicitée : 5 000 €', 10, False, 'l')]
        body = ("Monsieur le Sénateur,\n\nVeuillez trouver ci-joint notre dossier de demande de soutien pour la prochaine édition de notre festival.\n\n%s\n\n%s") % (
            rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        return emit_non('subsidy', 'pdf', hd, o.person.full, o.email, MAILBOX, 'Demande de subvention – %s' % fest, body,
                        atts=[pdf_part(make_pdf(lines, 'Dossier subvention'), 'dossier_subvention.pdf')], feats=feats,
                        notes='subsidy file describing a future event: not an invitation')
    body = ("Monsieur le Sénateur,\n\nNotre association organise la %de édition %s, qui se tiendra %s au parc de la mairie %s, de %s à %s chaque jour. "
            "Plus de %d spectateurs sont attendus.\n\nLes aides publiques ayant baissé, nous sollicitons votre soutien pour obtenir une subvention du Département "
            "et de la Région. Le dossier doit être déposé avant le %s.\n\n%s\n\n%s") % (
        edition, DE(fest_np), date_range_phrase(d1, d2), de_commune(c), tm((10, 0), 'h'), tm((23, 0), 'h'), rng.choice([1500, 3000, 8000]),
        fd(d0 + days(rng.randint(10, 30)), wd=False, yr=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
    return emit_non('subsidy', src, hd, o.person.full, o.email, MAILBOX, 'Demande de soutien – %s' % fest, body, feats=feats,
                    notes='association describes its own future festival to ask for money')


# ---- schools, strikes -----------------------------------------------------------------------------
def non_school(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    c = pick_commune()
    o = org_mairie(c)
    v = i % 3
    if v == 0:
        rentree = D(d0.year if d0.month < 9 else d0.year + 1, 9, 1)
        body = ("Monsieur le Sénateur,\n\nL'inspection académique nous a annoncé le %s la fermeture d'une classe à l'école %s à la rentrée du %s. "
                "Les effectifs prévus (27 élèves par classe) ne le justifient pas.\n\nJe sollicite votre intervention auprès du DASEN.\n\n%s\n\n%s") % (
            fd(d0 - days(rng.randint(2, 10)), wd=False, yr=False), rng.choice(['du Chef-Lieu', 'des Tilleuls', 'élémentaire']), fd(rentree, wd=False),
            rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        return emit_non('school', src, hd, o.person.full, o.email, MAILBOX, 'Fermeture de classe', body, feats=['school_closure'])
    if v == 1:
        d = wday(d0 + days(rng.randint(2, 10)), [1, 3])
        body = ("Madame, Monsieur,\n\nEn raison du mouvement de grève du %s, le service de restauration scolaire et l'accueil périscolaire ne seront pas assurés. "
                "Les écoles fermeront à %s.\n\nLe service enfance\n%s") % (fd(d, yr=False), tm((11, 30)), o.name)
        return emit_non('school', src, hd, 'Service enfance – ' + o.name, o.email, 'undisclosed-recipients:;', 'Grève – service minimum', body,
                        feats=['strike', 'undisclosed'])
    p, _, mail = citizen()
    d = wday(d0 + days(rng.randint(3, 12)), [5])
    body = ("Monsieur le Sénateur,\n\nLes parents d'élèves de l'école %s organisent un rassemblement devant l'école le %s à %s pour protester contre la suppression "
            "du poste d'ATSEM. Nous tenions à vous en informer et comptons sur votre soutien auprès de l'inspection.\n\n%s\nPour le collectif des parents") % (
        de_commune(c), fd(d, yr=False), tm((10, 0)), p.full)
    return emit_non('school', src, hd, p.full, mail, MAILBOX, 'Rassemblement des parents', body, feats=['parents_rally'],
                    notes="parents' rally mentioned for information")


# ---- public inquiries ------------------------------------------------------------------------------
def non_inquiry(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    c = pick_commune()
    o = org_mairie(c)
    d1 = wday(d0 + days(rng.randint(7, 30)), [0])
    d2 = d1 + days(32)
    p1 = wday(d1 + days(rng.randint(2, 10)), [2])
    p2 = wday(d1 + days(rng.randint(15, 28)), [5])
    obj = rng.choice(['la révision du plan local d’urbanisme', 'le projet de microcentrale hydroélectrique', 'la modification du PLU intercommunal'])
    if src == 'pdf':
        lines = [('AVIS D’ENQUÊTE PUBLIQUE', 15, True, 'c'), (o.name, 11, False, 'c'), None,
                 ('Objet : %s' % obj, 11, False, 'l'), ('Durée : %s' % date_range_phrase(d1, d2), 10, False, 'l'),
                 ('Permanences du commissaire enquêteur en mairie :', 10, True, 'l'),
                 ('- %s de 9 h à 12 h ;' % fd(p1, yr=False), 10, False, 'l'), ('- %s de 14 h à 17 h.' % fd(p2, yr=False), 10, False, 'l')]
        body = 'Monsieur le Sénateur,\n\nPour information, veuillez trouver ci-joint l’avis d’enquête publique.\n\nCordialement,\n%s' % o.cover_signer
        return emit_non('public_inquiry', 'pdf', hd, o.sender_name, o.email, MAILBOX, 'Avis d’enquête publique', body,
                        atts=[pdf_part(make_pdf(lines, 'Avis enquête publique'), 'avis_enquete_publique.pdf')], feats=['public_inquiry'])
    body = ("Madame, Monsieur,\n\nUne enquête publique portant sur %s se déroulera %s inclus. Le commissaire enquêteur recevra le public en mairie %s :\n"
            "- le %s de %s à %s ;\n- le %s de %s à %s.\n\nLe dossier est consultable aux heures d'ouverture de la mairie.\n\n%s") % (
        obj, date_range_phrase(d1, d2), de_commune(c), fd(p1, yr=False), tm((9, 0)), tm((12, 0)), fd(p2, yr=False), tm((14, 0)), tm((17, 0)), o.name)
    return emit_non('public_inquiry', src, hd, o.sender_name, o.email, MAILBOX, 'Enquête publique – %s' % obj, body, feats=['public_inquiry'],
                    notes='public inquiry with hours of permanence')


# ---- events mentioned for information -------------------------------------------------------------
def non_info_event(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    c = pick_commune()
    o = org_mairie(c)
    d = wday(d0 + days(rng.randint(4, 25)), [0, 1, 2, 3, 4])
    v = i % 3
    if v == 0:
        body = ("Monsieur le Sénateur,\n\nPour votre information, la prochaine séance publique du conseil municipal se tiendra le %s à %s, salle du conseil. "
                "L'ordre du jour comportera le vote sur le transfert de la compétence eau, dossier sur lequel nous vous avions alerté.\n\n%s\n\n%s") % (
            fd(d, yr=False), tm((19, 0)), rng.choice(CLOSE_SHORT), rng.choice(o.sigs))
        return emit_non('info_event', src, hd, o.sender_name, o.email, MAILBOX, 'Information – prochain conseil municipal', body,
                        feats=['future_council_for_information'], notes='future public council session mentioned for information')
    if v == 1:
        d = wday(d, [5])
        body = ("Bonjour,\n\nLe Tour de France traversera la commune le %s. La route départementale sera fermée de %s à %s ; les riverains ont été prévenus.\n\n"
                "Nous restons à votre disposition.\n\n%s") % (fd(d, yr=False), tm((10, 0)), tm((17, 0)), rng.choice(o.sigs))
        return emit_non('info_event', src, hd, o.sender_name, o.email, MAILBOX, 'Passage du Tour – fermeture de route', body, feats=['road_closure'])
    p, _, mail = citizen()
    body = ("Bonjour,\n\nMa fille passe le concours d'entrée en école d'infirmière le %s à Lyon. Elle a appris hier que son dossier d'aménagement d'épreuves "
            "n'a pas été transmis. Pouvez-vous intervenir auprès du rectorat ?\n\nMerci infiniment,\n%s") % (fd(d, yr=False), cit_sig(p, pick_commune()))
    return emit_non('info_event', src, hd, p.full, mail, MAILBOX, 'Concours – aménagement d’épreuves', body, feats=['citizen'])


# ---- ordinary requests mentioning a date in passing -----------------------------------------------
def non_ordinary(i, src='prose'):
    hd = rand_hdate()
    d0 = hd.date()
    v = i % 7
    past = d0 - days(rng.randint(5, 200))
    if v == 0:
        p, c, mail = citizen()
        body = ("Monsieur le Sénateur,\n\nJ'ai déposé une demande de logement social le %s et je n'ai toujours aucune proposition. Nous vivons à quatre dans un T2 %s.\n\n"
                "Je vous remercie de l'attention que vous porterez à ma demande.\n\n%s") % (fd(past, wd=False), a_commune(c), cit_sig(p, c))
        subj = 'Demande de logement'
    elif v == 1:
        p, c, mail = citizen()
        body = ("Bonjour,\n\nMa pension de retraite n'est plus versée depuis le %s. La caisse ne répond plus au téléphone. Je suis né le %s et j'ai cotisé 43 ans.\n\n"
                "Merci de votre aide.\n%s") % (fd(past, wd=False, yr=False), fd(D(rng.randint(1955, 1962), rng.randint(1, 12), rng.randint(1, 28)), wd=False), cit_sig(p, c))
        subj = 'Retraite – plus de versement'
    elif v == 2:
        c = pick_commune()
        o = org_mairie(c)
        body = ("Monsieur le Sénateur,\n\nJe fais suite à votre courrier du %s concernant la dotation de solidarité rurale. La notification reçue le %s fait apparaître une baisse de 12 %%.\n\n"
                "Pourriez-vous nous aider à comprendre ce calcul ?\n\n%s\n\n%s") % (
            fd(past, wd=False), fd(past + days(rng.randint(3, 20)), wd=False, yr=False), rng.choice(CLOSE_FORMAL), rng.choice(o.sigs))
        p, mail, subj = o.person, o.email, 'DSR – baisse inexpliquée'
        return emit_non('ordinary', src, hd, p.full, mail, MAILBOX, subj, body, feats=['date_in_passing'])
    elif v == 3:
        p, c, mail = citizen()
        body = ("Bonjour,\n\nSuite à votre question écrite publiée au Journal officiel du %s sur les déserts médicaux, je voulais vous signaler que notre médecin part à la retraite le %s.\n\n"
                "Bien à vous,\n%s") % (fd(past, wd=False), fd(d0 + days(rng.randint(30, 150)), wd=False), cit_sig(p, c, False))
        subj = 'Question écrite – médecins'
    elif v == 4:
        p, c, mail = citizen()
        body = ("Bonjour,\n\nJe suis étudiant en master de science politique et je souhaiterais effectuer un stage dans votre équipe du %s au %s. "
                "Vous trouverez mon CV en pièce jointe.\n\nCordialement,\n%s") % (
            fd(d0 + days(60), wd=False, yr=False), fd(d0 + days(150), wd=False), p.full)
        subj = 'Candidature stage'
    elif v == 5:
        c = pick_commune()
        o = org_mairie(c)
        body = ("Bonjour,\n\nJe vous informe que je serai absent du %s au %s inclus. En cas d'urgence concernant le dossier de la déviation, vous pouvez joindre "
                "ma directrice générale des services au %s.\n\nBien cordialement,\n%s") % (
            fd(d0 + days(3), yr=False), fd(d0 + days(12), yr=False), o.phone, o.person.full)
        return emit_non('ordinary', src, hd, o.person.full, o.email, MAILBOX, 'Absence', body, feats=['date_in_passing', 'absence_notice'])
    else:
        p, c, mail = citizen()
        body = ("Monsieur le Sénateur,\n\nMon permis de conduire a été suspendu le %s suite à un contrôle, et l'audience au tribunal est fixée au %s à %s. "
                "Je suis artisan et j'ai besoin de mon véhicule. Pouvez-vous faire quelque chose ?\n\n%s") % (
            fd(past, wd=False, yr=False), fd(wday(d0 + days(rng.randint(10, 40)), [0, 1, 2, 3, 4]), yr=False), tm((14, 0)), cit_sig(p, c))
        subj = 'Permis de conduire'
    return emit_non('ordinary', src, hd, p.full, mail, MAILBOX, subj, body, feats=['date_in_passing', 'citizen'])


def non_forwarded(i):
    """Forwards of non-invitations (newsletter, webinar, press release, decree, deadline, survey)."""
    before = len(MSGS)
    gen = [non_newsletter, non_webinar, non_press, non_decree, non_deadline, non_survey][i % 6]
    rec = gen(i)
    MSGS.pop()
    inner_msg = email.message_from_bytes(rec.data, policy=email.policy.default)
    txt = inner_msg.get_body(preferencelist=('plain', 'html')).get_content()
    if inner_msg.get_body(preferencelist=('plain', 'html')).get_content_type() == 'text/html':
        txt = html_to_text(txt)
    how = rng.choice(['outlook', 'gmail', 'apple', 'thunderbird'])
    fname, fmail, _, _ = pick_forwarder(rng.choice(['attachee', 'senator', 'assistant']), None)
    orig = rec.date
    hd = orig + dt.timedelta(hours=rng.randint(1, 48))
    hd = paris(hd.date(), hd.hour, hd.minute, hd.second)
    frm = email.utils.parseaddr(inner_msg['From'])
    note = rng.choice(['Pour info.', 'À lire.', 'FYI – rien à prévoir.', 'Pour information, à classer.'])
    body = note + '\n\n' + fwd_header_block(how, frm[0] or frm[1], frm[1], orig, inner_msg['To'] or MAILBOX, str(inner_msg['Subject'])) + '\n\n' + txt
    new = emit_non(rec.category.split(':')[1], 'forward', hd, fname, fmail, MAILBOX, ('TR: ' if how == 'outlook' else 'Fwd: ') + str(inner_msg['Subject']),
                   body, fmt='text', feats=list(rec.features) + ['forward_' + how], refs=[orig], notes=rec.notes)
    return new


def html_to_text(h):
    h = re.sub(r'(?i)<br\s*/?>', '\n', h)
    h = re.sub(r'(?i)</(p|div|li|tr|h\d)>', '\n', h)
    h = re.sub(r'(?i)<li>', '- ', h)
    h = re.sub(r'<[^>]+>', '', h)
    return html.unescape(h)


# ----------------------------------------------------------------------------------------------
# The plan: 130 invitations, 190 non-invitations
# ----------------------------------------------------------------------------------------------
INV_SPECS = []


def inv(src, kind, *f, **kw):
    INV_SPECS.append(dict(src=src, kind=kind, f=list(f), **kw))


# prose (52)
inv('prose', 'voeux', 'noyear', 'rollover')
inv('prose', 'voeux', 'html', 'ascii_html')
inv('prose', 'voeux', two='voeux_deleg', commune='Annecy', org='mairie')
inv('prose', '11nov', 'programme', 'noyear')
inv('prose', '11nov', 'programme', two='11nov_concert')
inv('prose', '8mai', 'programme', 'noyear', 'latin1')
inv('prose', '8mai', 'num_short')
inv('prose', '19mars', 'ts_heures')
inv('prose', '18juin', 'ts_colon')
inv('prose', '14juillet', 'programme', 'alt')
inv('prose', 'inauguration', 'mismatch')
inv('prose', 'inauguration', 'relative')
inv('prose', 'inauguration', 'month_omitted')
inv('prose', 'inauguration', 'street_date', 'dash')
inv('prose', 'inauguration', two='inaug_tournoi')
inv('prose', 'inauguration', 'differs', 'passing')
inv('prose', 'inauguration', 'implied')
inv('prose', 'inauguration', 'postponement', 'text')
inv('prose', 'inauguration', 'named_guests')
inv('prose', 'ag', 'de_a')
inv('prose', 'ag', 'entre')
inv('prose', 'ag', 'implied', 'latin1')
inv('prose', 'ag', 'video')
inv('prose', 'ag', 'informal')
inv('prose', 'ag', 'num_full')
inv('prose', 'ag', 'differs')
inv('prose', 'comice', 'span', 'programme')
inv('prose', 'comice', 'month_omitted')
inv('prose', 'outside', city='Paris')
inv('prose', 'outside', city='Lyon')
inv('prose', 'sainte_barbe', two='sb2', commune='Cluses')
inv('prose', 'sainte_barbe', 'implied', 'ts_H')
inv('prose', 'fete', 'span_du', 'allday')
inv('prose', 'fete', 'informal', 'relative')
inv('prose', 'medailles', 'ts_spaced')
inv('prose', 'repas_aines', 'midi')
inv('prose', 'anniversaire', 'differs', 'cp1252')
inv('prose', 'spectacle', 'noyear', 'ts_H')
inv('prose', 'premiere_pierre', 'mismatch', 'past')
inv('prose', 'premiere_pierre', 'deleguee', deleg='Annecy-le-Vieux')
inv('prose', 'voeux', 'named_guests', 'cp1252', org='interco')
inv('prose', 'inauguration', 'amb_time')
inv('prose', 'ag', 'amb_dates')
inv('prose', 'fete', 'amb_subject')
inv('prose', 'inauguration', 'amb_interco')
inv('prose', 'ag', 'relative')
inv('prose', 'inauguration', 'num_short', 'b64')
inv('prose', '11nov', 'noyear', 'html', 'implied')
inv('prose', 'voeux', 'from')
inv('prose', 'ag', 'informal', 'month_omitted')
inv('prose', 'inauguration', 'mismatch', 'ts_h00')
inv('prose', 'spectacle', 'postponement', 'b64')
# PDF card only (18)
inv('pdf', 'voeux')
inv('pdf', 'voeux', 'noyear', 'rollover')
inv('pdf', '11nov', 'programme')
inv('pdf', '8mai', 'programme', 'pdf_flate')
inv('pdf', 'inauguration', 'street_date')
inv('pdf', 'inauguration', 'implied')
inv('pdf', 'inauguration', 'mismatch')
inv('pdf', 'ag', 'de_a')
inv('pdf', 'congres', 'span', congres='am74')
inv('pdf', 'sainte_barbe')
inv('pdf', 'anniversaire', 'differs')
inv('pdf', 'repas_aines', 'midi')
inv('pdf', 'comice', 'span', 'programme')
inv('pdf', 'premiere_pierre', 'num_full')
inv('pdf', 'medailles', 'ts_spaced')
inv('pdf', 'spectacle', 'upper')
inv('pdf', 'outside', city='Chambéry')
inv('pdf', 'fete', 'span_du', 'allday')
# iCalendar (18)
inv('ics', 'ag', ics='alt')
inv('ics', 'ag', 'utc', ics='attach_short')
inv('ics', 'congres', 'span', ics='attach_repeat', congres='udsp')
inv('ics', 'inauguration', 'utc', ics='alt')
inv('ics', 'inauguration', ics='attach_short')
inv('ics', 'fete', 'allday', 'span', ics='attach_short')
inv('ics', 'fete', 'allday', ics='attach_repeat')
inv('ics', 'voeux', ics='alt', ics_plain_only=True)
inv('ics', 'voeux', 'utc', ics='attach_repeat')
inv('ics', 'premiere_pierre', ics='attach_short')
inv('ics', 'sainte_barbe', 'utc', ics='alt')
inv('ics', 'comice', ics='attach_repeat')
inv('ics', 'outside', city='Grenoble', ics='attach_short')
inv('ics', 'ag', 'implied', ics='attach_short')
inv('ics', 'congres', 'utc', ics='alt', congres='udsp')
inv('ics', 'inauguration', 'deleguee', deleg='Meythet', ics='alt')
inv('ics', 'ag', 'rsvp', ics='attach_repeat')
inv('ics', '11nov', ics='attach_repeat')
# forwards (26)
inv('forward', 'inauguration', fwd='outlook')
inv('forward', 'voeux', fwd='outlook', fwder='senator')
inv('forward', 'ag', 'mismatch', fwd='outlook')
inv('forward', '11nov', 'programme', fwd='outlook', fwder='secretary')
inv('forward', 'congres', 'span', fwd='outlook', congres='udsp')
inv('forward', 'fete', fwd='outlook', two='fete_concert', inner='pdf')
inv('forward', 'inauguration', 'implied', fwd='gmail')
inv('forward', 'ag', fwd='gmail', inner='pdf')
inv('forward', 'sainte_barbe', fwd='gmail', two='sb2', commune='Sallanches')
inv('forward', 'comice', fwd='gmail', fwder='elu')
inv('forward', 'anniversaire', 'differs', fwd='gmail')
inv('forward', 'repas_aines', 'midi', fwd='gmail')
inv('forward', 'voeux', 'noyear', fwd='thunderbird')
inv('forward', '8mai', 'programme', fwd='thunderbird')
inv('forward', 'premiere_pierre', fwd='thunderbird')
inv('forward', 'spectacle', fwd='thunderbird', fwder='elu')
inv('forward', 'ag', fwd='apple', fwder='senator')
inv('forward', 'inauguration', 'num_short', fwd='apple')
inv('forward', 'medailles', fwd='apple')
inv('forward', 'fete', 'span', 'allday', fwd='apple')
inv('forward', 'inauguration', fwd='rfc822', inner='pdf')
inv('forward', 'voeux', fwd='rfc822', inner='pdf', fwder='secretary')
inv('forward', 'ag', fwd='rfc822')
inv('forward', 'congres', fwd='rfc822', inner='ics', congres='am74')
inv('forward', '11nov', fwd='rfc822')
inv('forward', 'anniversaire', fwd='rfc822', fwder='elu')
# mixed: body and PDF card (16)
inv('mixed', 'inauguration', mixed='card_details')
inv('mixed', 'voeux', mixed='repeat')
inv('mixed', 'comice', 'span', 'programme', mixed='programme2')
inv('mixed', 'ag', mixed='repeat')
inv('mixed', 'congres', 'span', 'programme', mixed='programme2', congres='udsp')
inv('mixed', 'inauguration', 'amb_card_time', mixed='disagree')
inv('mixed', '11nov', 'programme', mixed='repeat')
inv('mixed', 'sainte_barbe', mixed='card_details')
inv('mixed', 'fete', mixed='repeat')
inv('mixed', 'anniversaire', 'implied', mixed='card_details')
inv('mixed', 'premiere_pierre', 'street_date', mixed='repeat')
inv('mixed', 'spectacle', mixed='card_details')
inv('mixed', 'ag', two='ag_repas', mixed='repeat')
inv('mixed', 'medailles', mixed='repeat')
inv('mixed', 'ag', 'latin1', mixed='repeat')
inv('mixed', 'inauguration', 'differs', mixed='card_details')

NON_PLAN = ([(non_deadline, 'prose')] * 10 + [(non_deadline, 'pdf')] * 2 +
            [(non_council_past, 'prose')] * 9 + [(non_council_past, 'forward')] +
            [(non_decree, 'prose')] * 6 + [(non_decree, 'pdf')] * 2 +
            [(non_roadworks, 'prose')] * 9 + [(non_roadworks, 'pdf')] +
            [(non_appointment, 'prose')] * 14 + [(non_appointment, 'ics')] * 2 +
            [(non_thanks, 'prose')] * 12 + [(non_thanks, 'forward')] * 2 +
            [(non_report, 'prose')] * 3 + [(non_report, 'pdf')] +
            [(non_cancellation, 'prose')] * 6 + [(non_cancellation, 'ics')] * 3 + [(non_cancellation, 'forward')] +
            [(non_newsletter, 'prose')] * 15 + [(non_newsletter, 'pdf')] * 3 + [(non_newsletter, 'ics')] * 2 +
            [(non_webinar, 'prose')] * 6 + [(non_webinar, 'ics')] * 6 +
            [(non_press, 'prose')] * 7 + [(non_press, 'pdf')] * 2 +
            [(non_survey, 'prose')] * 8 +
            [(non_reply_office, 'prose')] * 10 +
            [(non_subsidy, 'prose')] * 7 + [(non_subsidy, 'pdf')] * 3 +
            [(non_school, 'prose')] * 6 +
            [(non_inquiry, 'prose')] * 4 + [(non_inquiry, 'pdf')] +
            [(non_info_event, 'prose')] * 6 +
            [(non_ordinary, 'prose')] * 14 +
            [(None, 'forward')] * 6)


# ----------------------------------------------------------------------------------------------
# Self-check
# ----------------------------------------------------------------------------------------------
WD_RE = re.compile(r'\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(1er|\d{1,2})\s+'
                   r'(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)(?:\s+(\d{4}))?', re.I)
WDNUM_RE = re.compile(r'\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(\d{1,2})/(\d{1,2})(?:/(\d{4}))?', re.I)


def all_text(msg):
    out = [str(msg.get('Subject', '')), str(msg.get('From', ''))]
    for part in msg.walk():
        ct = part.get_content_type()
        if ct == 'message/rfc822':
            inner = part.get_payload()[0]
            out += [str(inner.get('Subject', '')), str(inner.get('From', ''))]
            continue
        if part.is_multipart():
            continue
        if ct == 'text/plain':
            out.append(part.get_content())
        elif ct == 'text/html':
            out.append(html_to_text(part.get_content()))
        elif ct in ('text/calendar', 'application/ics'):
            out.append(part.get_payload(decode=True).decode('utf-8'))
        elif ct == 'application/pdf':
            out.append(pdf_text(part.get_payload(decode=True)))
    t = '\n'.join(out).replace('\u00a0', ' ').replace('\r\n ', '').replace('\r', '')
    return t


def occurrences(day, month, refs):
    cands = []
    for ref in refs:
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                cands.append(D(y, month, day))
            except ValueError:
                pass
    res = set()
    for ref in refs:
        nxt = [c for c in cands if c > ref]
        prv = [c for c in cands if c <= ref]
        if nxt:
            res.add(min(nxt))
        if prv:
            res.add(max(prv))
    return res


def check_weekdays(text, refs, mismatches, errs):
    found_mm = set()
    for rx, num in ((WD_RE, False), (WDNUM_RE, True)):
        for m in rx.finditer(text):
            wd = WD.index(m.group(1).lower())
            day = 1 if m.group(2) == '1er' else int(m.group(2))
            month = int(m.group(3)) if num else MO.index(m.group(3).lower()) + 1
            if month < 1 or month > 12:
                continue
            if m.group(4):
                try:
                    cands = {D(int(m.group(4)), month, day)}
                except ValueError:
                    errs.append('impossible date %r' % m.group(0))
                    continue
            else:
                cands = occurrences(day, month, refs)
            if any(c.weekday() == wd for c in cands):
                continue
            mm = [(d_, w) for d_, w in mismatches if d_.day == day and d_.month == month and w == WD[wd]]
            if mm:
                found_mm.add(mm[0])
                continue
            errs.append('weekday disagrees: %r' % m.group(0))
    for x in mismatches:
        if x not in found_mm:
            errs.append('labelled mismatch not found in text: %r' % (x,))


def time_forms(t):
    forms = {fr_time(t, s) for s in ('h', 'h00', 'spaced', 'heures', 'colon', 'H', 'pad')}
    if t == (12, 0):
        forms.add('midi')
    return forms


def commune_names(code):
    names = [n for n in list(COMMUNES) + list(OUTSIDE) if code_of(n) == code]
    names += [n for n in DELEGUEES if code_of(n) == code]
    return names


def self_check(records):
    errors = []
    for r in records:
        errs = []
        msg = email.message_from_bytes(r.data, policy=email.policy.default)
        for part in msg.walk():
            if part.defects:
                errs.append('MIME defects: %r' % part.defects)
        text = all_text(msg)
        low_text = text.lower()
        hd = email.utils.parsedate_to_datetime(msg['Date'])
        if hd != r.date:
            errs.append('Date header mismatch')
        refs = sorted({x.date() for x in r.check_refs} | {hd.date()})
        check_weekdays(text, refs, r.mismatches, errs)
        if r.invitation:
            ev = r.events[0]
            d = D.fromisoformat(ev['date'])
            for ref in refs:
                delta = (d - ref).days
                if not (0 < delta < 300):
                    errs.append('first event %s not within 300 days after %s' % (d, ref))
            if ev['rsvp_by'] and not (refs[0] <= D.fromisoformat(ev['rsvp_by']) < d):
                errs.append('rsvp_by out of range')
            dforms = ['%s %s' % (jour(d), MO[d.month - 1]), '%s prochain' % WD[d.weekday()], '%s %s' % (WD[d.weekday()], jour(d)),
                      d.strftime('%Y%m%d')]
            okd = any(f.lower() in low_text for f in dforms) or re.search(r'\b0?%d/0?%d\b' % (d.day, d.month), text)
            if 'weekday_mismatch' in r.features and not okd:
                okd = re.search(r'\b%s %s\b' % (jour(d), MO[d.month - 1]), low_text)
            if not okd:
                errs.append('first event day not written')
            if ev['start']:
                t = tuple(int(x) for x in ev['start'].split(':'))
                okt = any(re.search(r'(?<![\d:])%s(?!\d)' % re.escape(f), text, re.I) for f in time_forms(t))
                utc = paris(d, t[0], t[1]).astimezone(dt.timezone.utc)
                okt = okt or ('T%02d%02d00' % t in text) or (utc.strftime('%Y%m%dT%H%M%SZ') in text)
                if not okt:
                    errs.append('first event start %s not written' % ev['start'])
            if ev['commune_code']:
                if not any(n.lower() in low_text for n in commune_names(ev['commune_code'])):
                    errs.append('first event commune %s not written' % ev['commune_code'])
            elif not ev['ambiguous']:
                errs.append('null commune on a non-ambiguous event')
            if ev['start'] is None and not ev['all_day'] and not ev['ambiguous']:
                errs.append('start null but not all_day')
            srt = sorted(r.events, key=lambda e: (e['date'], e['start'] or ''))
            if srt != r.events:
                errs.append('events not sorted')
        else:
            if r.events:
                errs.append('non-invitation with events')
        if errs:
            errors.append((r.file, r.category, errs))
    return errors


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------
def main(argv):
    if '--cog' in argv:
        verify_cog(argv[argv.index('--cog') + 1])
    for i, spec in enumerate(INV_SPECS):
        spec = dict(spec)
        spec['year'] = [2025, 2026, 2027][i % 3]
        build_invitation(spec)
    counters = {}
    for fn, src in NON_PLAN:
        k = (fn, src)
        counters[k] = counters.get(k, 0) + 1
        if fn is None:
            non_forwarded(counters[k] - 1)
        else:
            fn(counters[k] - 1 + (1 if src != 'prose' else 0) * 3, src)
    recs = sorted(MSGS, key=lambda r: (int(r.date.timestamp()), r.message_id))
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for sub in ('cur', 'new', 'tmp'):
        os.makedirs(os.path.join(OUT, sub))
    truth = []
    for n, r in enumerate(recs, 1):
        r.file = '%d.M%04dP4242.agenda-dev:2,S' % (int(r.date.timestamp()), n)
        with open(os.path.join(OUT, 'cur', r.file), 'wb') as f:
            f.write(r.data)
        truth.append(dict(file=r.file, message_id=r.message_id, invitation=r.invitation, events=r.events, source=r.source,
                          notes=r.notes, category=r.category, features=r.features))
    with open(os.path.join(OUT, 'truth.jsonl'), 'w', encoding='utf-8') as f:
        for t in truth:
            f.write(json.dumps(t, ensure_ascii=False) + '\n')
    errors = self_check(recs)
    write_source_md(recs)
    n_inv = sum(r.invitation for r in recs)
    print('wrote %d messages (%d invitations, %d non-invitations) to %s' % (len(recs), n_inv, len(recs) - n_inv, OUT))
    if errors:
        for e in errors:
            print('SELF-CHECK FAILED', e)
        sys.exit(1)
    print('self-check passed: every message parses, first events are written in their messages, weekdays agree '
          '(except %d labelled mismatches)' % sum(len(r.mismatches) for r in recs))


def write_source_md(recs):
    from collections import Counter
    by_src = Counter((r.invitation, r.source) for r in recs)
    by_cat = Counter(r.category for r in recs)
    feats = Counter(f for r in recs if r.invitation for f in r.features)
    years = Counter(r.date.year for r in recs)
    n_inv = sum(r.invitation for r in recs)
    amb = sum(1 for r in recs if r.invitation and r.events[0]['ambiguous'])
    L = ['# agenda-dev — labelled development set for invitations and the agenda (issue 20)', '',
         '**Development set: may be used for tuning.** Figures measured on it are development figures, not evaluation figures.', '',
         '- **Who wrote it:** a helper agent (subagent) started by a project session, working only from the text of issue 20, '
         '`agenda-label-spec.md` (label schema and measures) and `EVALUATION.md`. It did not see the extractor code, the tests, '
         'nor the other labelled sets (`fixtures/agenda-eval` was not opened).',
         '- **When:** written on 2026-12-06 (date of the writing session; the generator itself reads no clock). '
         '**Instructions:** a brief asking for about 130 invitations and 190 non-invitations that mention dates, in the variety '
         'listed by issue 20 (prose, PDF cards, iCalendar, forwards, two-date invitations, French date and time expressions), '
         'labelled with the schema of `agenda-label-spec.md`, for a fictitious senator of Haute-Savoie.',
         '- **How:** every message is generated by `scripts/make_agenda_dev.py` (Python 3 standard library only, fixed seed %d, '
         'fixed dates, no clock). Regenerate with:' % SEED, '',
         '      python3 scripts/make_agenda_dev.py [--cog node_modules/@etalab/decoupage-administratif/data/communes.json]', '',
         '  The script rewrites `cur/`, `new/`, `tmp/`, `truth.jsonl` and this file, then self-checks: every message parses with '
         "Python's `email` package, the first event's day, start time and commune are written in the message (body, HTML, "
         'iCalendar part or PDF text layer), every written weekday agrees with its date except the labelled mismatches, and '
         'every first event is less than 300 days after the Date header (and after the forwarded original).',
         '- **Licence:** CC0 1.0 (public domain dedication). All people, addresses, phone numbers and mail domains are '
         'fictitious (`*-exemple.fr` style domains); the senator « Didier Vautrin » (Haute-Savoie) is invented. The communes '
         'and their INSEE codes are real and current (checked against `@etalab/decoupage-administratif`, type '
         '`commune-actuelle`; communes déléguées such as Seynod, Cran-Gevrier, Meythet, Annecy-le-Vieux, Thorens-Glières are '
         'labelled with the code of the commune they now belong to).',
         '- **Mailbox:** `permanence@senat-vautrin-exemple.fr`; Maildir in `cur/` (files `EPOCH.MNNNNP4242.agenda-dev:2,S`, '
         'epoch = Date header), `truth.jsonl` one object per message in file-name order (`message_id` with angle brackets).', '',
         '## Counts', '',
         '%d messages: %d invitations (%d with an ambiguous first event), %d non-invitations that mention dates.' % (
             len(recs), n_inv, amb, len(recs) - n_inv), '',
         'Date headers by year: ' + ', '.join('%d: %d' % (y, years[y]) for y in sorted(years)), '',
         '| source | invitations | non-invitations |', '|---|---|---|']
    for s in ('prose', 'pdf', 'ics', 'forward', 'mixed'):
        L.append('| %s | %d | %d |' % (s, by_src[(True, s)], by_src[(False, s)]))
    L += ['', '| category | messages |', '|---|---|']
    for c in sorted(by_cat):
        L.append('| %s | %d |' % (c, by_cat[c]))
    L += ['', '## Invitation features (messages)', '', '| feature | messages |', '|---|---|']
    for f in sorted(feats):
        L.append('| %s | %d |' % (f, feats[f]))
    L += ['', '## Notes', '',
          '- Non-invitations include mail worded like invitations (« a le plaisir de vous inviter… venez nombreux ») sent to '
          'lists or the public, press invitations, webinars with iCalendar requests, appointment proposals with date, time and '
          'place, thank-you letters, cancellations (some `METHOD:CANCEL`), replies to the office\'s own invitations quoting it, '
          'and subsidy requests describing a future festival.',
          '- `category` and `features` are for error analysis only; `notes` explains ambiguous and special labels.',
          '- The spec\'s own label rules were applied literally: year left out = next occurrence after the Date header, '
          '« dimanche prochain » = first such day after the Date header, a programme\'s first item is `start`, '
          'the numeric date is kept when the weekday disagrees.', '']
    with open(os.path.join(OUT, 'SOURCE.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(L))


if __name__ == '__main__':
    main(sys.argv[1:])
