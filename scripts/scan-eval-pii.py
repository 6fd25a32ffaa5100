#!/usr/bin/env python3
"""Writes pii.jsonl, secrets.jsonl and benign.jsonl of warden-bench/src/main/resources/scan-eval.

Templates and values are written for Warden. Generated values are valid where a real one would be
(Luhn-valid card numbers, mod-97-valid IBANs, SSNs within the issued ranges) and random otherwise.
Each template is used in one split only (templates alternate between tune and report), so the
report split holds sentence shapes the detectors were not tuned on. Deterministic (fixed seed).
Run from the repository root: python3 scripts/scan-eval-pii.py
"""
import base64
import json
import os
import random
import string

R = random.Random(20261207)
OUT = "warden-bench/src/main/resources/scan-eval"

FIRST = ["Ana", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustavo", "Hanna", "Ivo", "Jana", "Kenji", "Lena", "Mateo",
         "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Ulla", "Victor", "Wen", "Yara", "Zoltan", "Amelie",
         "Björn", "Céline", "Diego", "Emeka"]
LAST = ["Silva", "Moreau", "Rossi", "Ivanova", "Yilmaz", "Haddad", "Pereira", "Berg", "Novak", "Kowalska", "Tanaka", "Fischer",
        "García", "Okafor", "Lindqvist", "Sharma", "Dubois", "Marín", "Nilsen", "Costa", "Virtanen", "Laurent", "Chen",
        "Haddad", "Szabo", "Keller", "Andersson", "Lefèvre", "Navarro", "Eze"]
DOMAINS = ["example.com", "example.org", "mail.example.net", "corp.example.co.uk", "example.de", "shop.example.fr",
           "example.io", "kunden.example.at", "example.com.br", "post.example.es", "example.co.jp", "example.nl"]


def rand(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def mixed(n, extra=""):
    """A random string with upper, lower and digits present."""
    while True:
        s = rand(string.ascii_letters + string.digits + extra, n)
        if any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() for c in s):
            return s


def name():
    return R.choice(FIRST), R.choice(LAST)


def ascii_fold(s):
    table = str.maketrans("áàâäãçéèêëíìîïñóòôöõúùûüšžőøåæ", "aaaaaceeeeiiiinooooouuuuszooaa")
    return s.lower().translate(table)


def email(f=None, l=None):
    f, l = (f, l) if f else name()
    shape = R.randrange(6)
    local = [f"{ascii_fold(f)}.{ascii_fold(l)}", f"{ascii_fold(f)[0]}{ascii_fold(l)}", f"{ascii_fold(f)}_{ascii_fold(l)}{R.randrange(10, 99)}",
             f"{ascii_fold(f)}+orders", f"{ascii_fold(l)}.{ascii_fold(f)[0]}", f"{ascii_fold(f)}-{ascii_fold(l)}"][shape]
    return f"{local}@{R.choice(DOMAINS)}"


def luhn_complete(prefix, length):
    body = prefix + "".join(R.choice(string.digits) for _ in range(length - len(prefix) - 1))
    for d in string.digits:
        s = body + d
        total = 0
        for i, ch in enumerate(reversed(s)):
            v = int(ch)
            if i % 2 == 1:
                v *= 2
                if v > 9:
                    v -= 9
            total += v
        if total % 10 == 0:
            return s


def card():
    kind = R.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "jcb", "diners", "unionpay", "maestro"])
    num = {"visa": lambda: luhn_complete("4" + rand(string.digits, 1), 16),
           "mc": lambda: luhn_complete(str(R.randrange(51, 56)), 16),
           "mc2": lambda: luhn_complete(str(R.randrange(2221, 2721)), 16),
           "amex": lambda: luhn_complete(R.choice(["34", "37"]), 15),
           "disc": lambda: luhn_complete("6011", 16),
           "jcb": lambda: luhn_complete(str(R.randrange(3528, 3590)), 16),
           "diners": lambda: luhn_complete("36", 14),
           "unionpay": lambda: luhn_complete("62" + rand(string.digits, 1), 16),
           "maestro": lambda: luhn_complete("6759", 16)}[kind]()
    sep = R.choice([" ", "-", "", " "])
    if len(num) == 15:
        return sep.join([num[:4], num[4:10], num[10:]]) if sep else num
    if len(num) == 14:
        return sep.join([num[:4], num[4:10], num[10:]]) if sep else num
    return sep.join(num[i:i + 4] for i in range(0, len(num), 4)) if sep else num


def luhn_bad(n=16):
    good = luhn_complete("4" + rand(string.digits, 1), n)
    last = str((int(good[-1]) + R.randrange(1, 10)) % 10)
    return good[:-1] + last


IBAN_SHAPES = {"DE": "8n10n", "FR": "5n5n11c2n", "GB": "4a6n8n", "NL": "4a10n", "ES": "4n4n2n10n", "IT": "1a5n5n12c",
               "BE": "3n7n2n", "AT": "5n11n", "CH": "5n12c", "PL": "8n16n", "PT": "4n4n11n2n", "SE": "3n16n1n", "IE": "4a6n8n",
               "NO": "4n6n1n", "DK": "4n9n1n", "FI": "3n11n", "LU": "3n13c", "CZ": "4n6n10n", "RO": "4a16c", "HR": "7n10n"}


def shape_rand(shape):
    out = ""
    num = ""
    for ch in shape:
        if ch.isdigit():
            num += ch
        else:
            k = int(num)
            num = ""
            alpha = {"n": string.digits, "a": string.ascii_uppercase, "c": string.ascii_uppercase + string.digits}[ch]
            out += rand(alpha, k)
    return out


def iban_check(country, bban):
    s = bban + country + "00"
    v = int("".join(str(int(c, 36)) for c in s))
    return 98 - v % 97


def iban(country=None, spaced=None):
    country = country or R.choice(list(IBAN_SHAPES))
    bban = shape_rand(IBAN_SHAPES[country])
    full = f"{country}{iban_check(country, bban):02d}{bban}"
    spaced = R.random() < 0.5 if spaced is None else spaced
    return " ".join(full[i:i + 4] for i in range(0, len(full), 4)) if spaced else full


def iban_bad():
    good = iban(spaced=False)
    d = str((int(good[2]) + 1) % 10)
    return good[:2] + d + good[3:]


def ssn(sep="-"):
    while True:
        a = R.randrange(1, 900)
        if a != 666:
            break
    g = R.randrange(1, 100)
    s = R.randrange(1, 10000)
    return f"{a:03d}{sep}{g:02d}{sep}{s:04d}"


def nino():
    first = R.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = R.choice("ABCEGHJKLMNPRSTWXYZ")
    while first + second in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        second = R.choice("ABCEGHJKLMNPRSTWXYZ")
    digits = rand(string.digits, 6)
    if R.random() < 0.5:
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {R.choice('ABCD')}"
    return f"{first}{second}{digits}{R.choice('ABCD')}"


def ipv4(private=None):
    private = R.random() < 0.5 if private is None else private
    if private:
        return R.choice([f"10.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}",
                         f"192.168.{R.randrange(256)}.{R.randrange(1, 255)}", f"172.{R.randrange(16, 32)}.{R.randrange(256)}.{R.randrange(1, 255)}"])
    return f"{R.choice([23, 45, 51, 81, 93, 185, 203, 198, 89, 62])}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}"


def ipv6():
    groups = [format(R.randrange(65536), "x") for _ in range(8)]
    shape = R.randrange(4)
    if shape == 0:
        return ":".join(groups)
    if shape == 1:
        return "2001:db8::" + ":".join(groups[5:])
    if shape == 2:
        return "fe80::" + ":".join(groups[4:])
    return "2a02:" + ":".join(groups[1:4]) + "::" + groups[7]


def phone():
    k = R.randrange(14)
    n = lambda c: rand(string.digits, c)
    nz = lambda: str(R.randrange(2, 10))
    return [
        lambda: f"+1 ({nz()}{n(2)}) {nz()}{n(2)}-{n(4)}",
        lambda: f"+1-{nz()}{n(2)}-{nz()}{n(2)}-{n(4)}",
        lambda: f"+44 20 {n(4)} {n(4)}",
        lambda: f"+44 7{n(3)} {n(6)}",
        lambda: f"+49 30 {n(8)}",
        lambda: f"+49 (0)89 {n(3)} {n(4)}",
        lambda: f"+33 6 {n(2)} {n(2)} {n(2)} {n(2)}",
        lambda: f"+34 6{n(2)} {n(3)} {n(3)}",
        lambda: f"+81 3-{n(4)}-{n(4)}",
        lambda: f"+61 4{n(2)} {n(3)} {n(3)}",
        lambda: f"+91 9{n(4)} {n(5)}",
        lambda: f"+55 11 9{n(4)}-{n(4)}",
        lambda: f"+39 02 {n(4)} {n(4)}",
        lambda: f"+31 6 {n(8)}",
    ][k]()


def phone_national():
    n = lambda c: rand(string.digits, c)
    nz = lambda: str(R.randrange(2, 10))
    return R.choice([
        lambda: f"({nz()}{n(2)}) {nz()}{n(2)}-{n(4)}",
        lambda: f"{nz()}{n(2)}-{nz()}{n(2)}-{n(4)}",
        lambda: f"{nz()}{n(2)}.{nz()}{n(2)}.{n(4)}",
        lambda: f"020 {n(4)} {n(4)}",
        lambda: f"07{n(3)} {n(6)}",
        lambda: f"030 {n(7)}",
        lambda: f"0{R.randrange(1, 6)} {n(2)} {n(2)} {n(2)} {n(2)}",
        lambda: f"06-{n(8)}",
        lambda: f"0044 20 {n(4)} {n(4)}",
        lambda: f"1-800-{nz()}{n(2)}-{n(4)}",
    ])()


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def jwt():
    alg = R.choice(["HS256", "RS256", "ES256"])
    head = b64url({"alg": alg, "typ": "JWT"})
    f, l = name()
    body = b64url({"sub": str(R.randrange(10 ** 6, 10 ** 7)), "name": f"{f} {l}", "iat": 1765000000 + R.randrange(10 ** 6),
                   "scope": R.choice(["read", "read write", "admin"])})
    sig = base64.urlsafe_b64encode(bytes(R.randrange(256) for _ in range(32 if alg == "HS256" else 64))).decode().rstrip("=")
    return f"{head}.{body}.{sig}"


def pem(label="RSA PRIVATE KEY", lines=8):
    body = "\n".join(base64.b64encode(bytes(R.randrange(256) for _ in range(48))).decode() for _ in range(lines))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----"


def aws_id():
    return R.choice(["AKIA", "ASIA"]) + rand(string.ascii_uppercase + "234567", 16)


def aws_secret():
    return mixed(40, "/+")


def gh():
    return R.choice(["ghp_", "gho_", "ghs_"]) + mixed(36)


def slack():
    return f"xoxb-{rand(string.digits, 12)}-{rand(string.digits, 13)}-{mixed(24)}"


def stripe():
    return R.choice(["sk_live_", "rk_live_", "sk_test_"]) + mixed(R.choice([24, 32, 99]))


def google():
    return "AIza" + mixed(35, "-_")


def openai():
    return R.choice(["sk-", "sk-proj-", "sk-ant-api03-"]) + mixed(R.choice([40, 48, 64]), "-_")


def npm():
    return "npm_" + mixed(36)


def password():
    words = ["Harbor", "maple", "Violet", "copper", "Falcon", "winter", "Lantern", "orbit", "Quartz", "meadow"]
    return R.choice([lambda: R.choice(words) + str(R.randrange(10, 9999)) + R.choice("!#%&*?"),
                     lambda: mixed(R.randrange(12, 22), "!@#%^*-_"),
                     lambda: R.choice(words).lower() + "-" + R.choice(words).lower() + "-" + str(R.randrange(10, 99))])()


def token_hex(n=40):
    return rand("0123456789abcdef", n)


def uuid():
    h = token_hex(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


cases = {"pii": [], "secrets": [], "benign": []}


def add(file, kind, template_id, text, expect):
    for e in expect:
        if "value" in e:
            assert e["value"] in text, (text, e)
    cases[file].append({"template": template_id, "kind": kind, "text": text, "expect": expect})


def L(cls, value):
    return {"class": cls, "value": value}


# ---------------------------------------------------------------- personal data
def t_crm_record():
    f, l = name(); e = email(f, l); p = phone()
    return (json.dumps({"customer_id": R.randrange(10000, 99999), "name": f"{f} {l}", "email": e, "phone": p,
                        "created": f"2025-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}", "tier": "gold"}, ensure_ascii=False),
            [L("email", e), L("phone", p)], "record")


def t_support_ticket():
    f, l = name(); e = email(f, l); p = phone_national()
    return (f"Ticket #{R.randrange(100000, 999999)} opened 2025-11-{R.randrange(10, 28)} 14:{R.randrange(10, 59)}\n"
            f"Customer {f} {l} <{e}> asks us to call back on {p} about the late delivery of order ORD-{R.randrange(10**6, 10**7)}.",
            [L("email", e), L("phone", p)], "business")


def t_payment_row():
    f, l = name(); c = card()
    return (f"{R.randrange(1000, 9999)},{f} {l},{c},{R.randrange(1, 13):02d}/{R.randrange(26, 31)},EUR {R.randrange(10, 999)}.{R.randrange(10, 99)}",
            [L("card", c)], "record")


def t_payment_chat():
    c = card()
    return (f"Hi, my payment keeps failing. The card is {c}, expiry 0{R.randrange(1, 9)}/2{R.randrange(6, 9)}, can you check what's wrong?",
            [L("card", c)], "business")


def t_invoice_iban():
    i = iban(); f, l = name()
    return (f"Invoice INV-2025-{R.randrange(1000, 9999)} — amount due €{R.randrange(100, 9999)},{R.randrange(10, 99)}. "
            f"Please transfer to {f} {l}, IBAN {i}, BIC {rand(string.ascii_uppercase, 6)}2X, reference {R.randrange(10**7, 10**8)}.",
            [L("iban", i)], "business")


def t_iban_de():
    i = iban("DE"); f, l = name()
    return (f"Sehr geehrte Frau {l}, bitte überweisen Sie den Betrag von {R.randrange(50, 900)},00 EUR bis zum "
            f"{R.randrange(1, 28)}.{R.randrange(1, 12)}.2025 auf das Konto {i}. Mit freundlichen Grüßen, {f}",
            [L("iban", i)], "multilingual")


def t_iban_fr():
    i = iban(R.choice(["FR", "BE", "LU"])); e = email()
    return (f"Bonjour, voici mes nouvelles coordonnées bancaires : {i}. Pour toute question, écrivez-moi à {e}. Merci !",
            [L("iban", i), L("email", e)], "multilingual")


def t_hr_record():
    f, l = name(); s = ssn(); e = email(f, l)
    return (f"Employee: {l}, {f}\nSSN: {s}\nStart date: 03/{R.randrange(10, 28)}/2024\nWork e-mail: {e}\nSalary band: B{R.randrange(1, 5)}",
            [L("national_id", s), L("email", e)], "record")


def t_ssn_form():
    s = ssn(R.choice(["-", " "]))
    return (f"Applicant confirmed social security number {s} over the phone; verification pending.",
            [L("national_id", s)], "business")


def t_ssn_bare():
    s = ssn("")
    return (f"W-9 received. TIN/SSN on file: {s} (individual). Backup withholding: no.",
            [L("national_id", s)], "record")


def t_nino():
    n = nino(); f, l = name(); p = phone()
    return (f"New starter {f} {l}, National Insurance number {n}, mobile {p}. Please add to payroll from next month.",
            [L("national_id", n), L("phone", p)], "record")


def t_access_log():
    ip = ipv4(False); e = email()
    return (f'{ip} - - [07/Dec/2025:10:{R.randrange(10, 59)}:{R.randrange(10, 59)} +0000] "POST /api/login HTTP/1.1" 401 512 "-" "Mozilla/5.0" user={e}',
            [L("ip", ip), L("email", e)], "code")


def t_ip_firewall():
    a = ipv4(True); b = ipv4(False)
    return (f"Blocked inbound SSH from {b} to {a}:22 after 12 failed attempts (rule fw-{R.randrange(100, 999)}).",
            [L("ip", a), L("ip", b)], "code")


def t_ipv6():
    a = ipv6(); b = ipv4()
    return (f"Session {uuid()} moved from {b} to {a} during the handover; geo lookup unchanged.",
            [L("ip", a), L("ip", b)], "code")


def t_ipv6_cfg():
    a = ipv6()
    return (f"listen_address: \"{a}\"\nport: 8443\nworkers: {R.randrange(2, 16)}", [L("ip", a)], "code")


def t_phone_es():
    p = phone(); f, l = name()
    return (f"Hola {f}, te dejo mi número por si acaso: {p}. Estoy disponible de 9:00 a 18:00. Un saludo, {l}",
            [L("phone", p)], "multilingual")


def t_phone_it():
    p = phone(); e = email()
    return (f"Per informazioni sull'ordine contattare il numero {p} oppure scrivere a {e}.", [L("phone", p), L("email", e)], "multilingual")


def t_phone_pt():
    p = phone(); c = card()
    return (f"Cliente ligou do {p} pedindo estorno; cartão final informado: {c}.", [L("phone", p), L("card", c)], "multilingual")


def t_phone_ja():
    p = phone(); e = email()
    return (f"お問い合わせ: 電話 {p}、メール {e} までご連絡ください。", [L("phone", p), L("email", e)], "multilingual")


def t_signature():
    f, l = name(); e = email(f, l); p = phone(); q = phone_national()
    return (f"Best regards,\n{f} {l}\nAccount Manager | Example Logistics\nT: {p}\nM: {q}\n{e}",
            [L("email", e), L("phone", p), L("phone", q)], "business")


def t_csv_export():
    rows = []; exp = []
    for _ in range(3):
        f, l = name(); e = email(f, l); p = phone()
        rows.append(f"{f},{l},{e},\"{p}\",{R.randrange(18, 80)}")
        exp += [L("email", e), L("phone", p)]
    return ("first,last,email,phone,age\n" + "\n".join(rows), exp, "record")


def t_tool_output():
    f, l = name(); e = email(f, l); c = card(); ip = ipv4()
    return (json.dumps({"result": {"orders": [{"id": f"A{R.randrange(10**5, 10**6)}", "total": R.randrange(10, 500) + 0.99,
                                                "buyer": {"email": e, "ip": ip}, "payment": {"pan": c, "brand": "card"}}]},
                        "took_ms": R.randrange(3, 90)}),
            [L("email", e), L("card", c), L("ip", ip)], "record")


def t_sql_dump():
    f, l = name(); e = email(f, l); s = ssn(); i = iban()
    return (f"INSERT INTO clients (name, email, ssn, iban) VALUES ('{f} {l}', '{e}', '{s}', '{i}');",
            [L("email", e), L("national_id", s), L("iban", i)], "code")


def t_chat_mixed():
    e = email(); p = phone_national()
    return (f"ok sure — just email me at {e} or text {p} whenever the parcel leaves the warehouse",
            [L("email", e), L("phone", p)], "business")


def t_booking_nl():
    f, l = name(); p = phone(); i = iban("NL")
    return (f"Reservering bevestigd voor {f} {l}. Telefoon: {p}. Aanbetaling ontvangen van rekening {i}.",
            [L("phone", p), L("iban", i)], "multilingual")


def t_refund_email():
    c = card(); e = email()
    return (f"Refund of $42.10 issued to card {c} on 12/04/2025. Confirmation sent to {e}. Case 7741-2290.",
            [L("card", c), L("email", e)], "business")


def t_yaml_contact():
    e = email(); p = phone(); ip = ipv4(True)
    return (f"owner:\n  email: {e}\n  phone: \"{p}\"\nnetwork:\n  gateway: {ip}\n  mtu: 1500", [L("email", e), L("phone", p), L("ip", ip)], "code")


def t_wire_pl():
    i = iban(R.choice(["PL", "CZ", "HR", "RO"])); f, l = name()
    return (f"Dane do przelewu / payment details: {f} {l}, {i}. Tytuł: FV/{R.randrange(100, 999)}/2025.",
            [L("iban", i)], "multilingual")


def t_kyc():
    f, l = name(); s = ssn(); p = phone(); e = email(f, l)
    return (f"KYC check for {f} {l}: SSN {s} matched, phone {p} verified by SMS, e-mail {e} bounced once.",
            [L("national_id", s), L("phone", p), L("email", e)], "record")


def t_server_list():
    a, b, c = ipv4(True), ipv4(True), ipv6()
    return (f"db-primary  {a}\ndb-replica  {b}\ncache       [{c}]:6379", [L("ip", a), L("ip", b), L("ip", c)], "code")


def t_email_unicode():
    f, l = name()
    e = f"{f.lower()}.{l.lower()}@{R.choice(DOMAINS)}"
    return (f"Kontakt: {f} {l} ({e}) – zuständig für Reklamationen.", [L("email", e)], "multilingual")


def t_card_amex_log():
    c = luhn_complete(R.choice(["34", "37"]), 15)
    c = f"{c[:4]} {c[4:10]} {c[10:]}"
    return (f"2025-12-01T08:15:22Z WARN payment: declined pan={c} reason=insufficient_funds attempt=2", [L("card", c)], "code")


def t_phone_us_record():
    p = phone_national(); f, l = name()
    return (f"Name: {f} {l}\nPhone: {p}\nDOB: 1987-0{R.randrange(1, 9)}-1{R.randrange(0, 9)}\nMember since 2019",
            [L("phone", p)], "record")


def t_multi_iban():
    a, b = iban(spaced=True), iban(spaced=False)
    return (f"Old account {a} closed; future payments to {b} please.", [L("iban", a), L("iban", b)], "business")


def t_gdpr_request():
    f, l = name(); e = email(f, l); ip = ipv4(False); p = phone()
    return (f"Data subject access request from {f} {l}. Known identifiers: {e}; last login IP {ip}; phone {p}. Deadline: 30 days.",
            [L("email", e), L("ip", ip), L("phone", p)], "business")


PII = [t_crm_record, t_support_ticket, t_payment_row, t_payment_chat, t_invoice_iban, t_iban_de, t_iban_fr, t_hr_record,
       t_ssn_form, t_ssn_bare, t_nino, t_access_log, t_ip_firewall, t_ipv6, t_ipv6_cfg, t_phone_es, t_phone_it, t_phone_pt,
       t_phone_ja, t_signature, t_csv_export, t_tool_output, t_sql_dump, t_chat_mixed, t_booking_nl, t_refund_email,
       t_yaml_contact, t_wire_pl, t_kyc, t_server_list, t_email_unicode, t_card_amex_log, t_phone_us_record, t_multi_iban,
       t_gdpr_request]


# ---------------------------------------------------------------- secrets
def t_env_file():
    pw = password(); k = stripe(); a = aws_id(); s = aws_secret()
    return (f"NODE_ENV=production\nPORT=8080\nDB_HOST=db.internal\nDB_PASSWORD={pw}\nSTRIPE_SECRET_KEY={k}\n"
            f"AWS_ACCESS_KEY_ID={a}\nAWS_SECRET_ACCESS_KEY={s}\nLOG_LEVEL=info",
            [L("secret", pw), L("secret", k), L("secret", a), L("secret", s)], "config")


def t_yaml_config():
    pw = password(); t = slack()
    return (f"database:\n  host: postgres.svc\n  port: 5432\n  user: app\n  password: \"{pw}\"\nnotifications:\n  slack_token: {t}\n  channel: \"#ops\"",
            [L("secret", pw), L("secret", t)], "config")


def t_json_config():
    k = google(); c = mixed(32)
    return (json.dumps({"maps": {"api_key": k, "region": "eu"}, "oauth": {"client_id": f"{R.randrange(10**11, 10**12)}.apps.example.com",
                                                                         "client_secret": c}, "retries": 3}, indent=2),
            [L("secret", k), L("secret", c)], "config")


def t_curl_bearer():
    j = jwt()
    return (f"curl -s -H \"Authorization: Bearer {j}\" -H 'Accept: application/json' https://api.example.com/v2/orders?limit=20",
            [L("secret", j)], "headers")


def t_http_log():
    t = mixed(40)
    return (f"> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer {t}\n> User-Agent: agent/1.4\n< HTTP/1.1 200 OK",
            [L("secret", t)], "headers")


def t_basic_auth():
    b = base64.b64encode(f"{ascii_fold(R.choice(FIRST))}:{password()}".encode()).decode()
    return (f"Request headers: {{'Authorization': 'Basic {b}', 'Content-Type': 'application/json'}}", [L("secret", b)], "headers")


def t_api_key_header():
    k = mixed(32)
    return (f"X-Api-Key: {k}\nX-Request-Id: {uuid()}\nContent-Length: 348", [L("secret", k)], "headers")


def t_python_code():
    k = openai()
    return (f"import openai\n\nclient = openai.OpenAI(api_key=\"{k}\")\nresp = client.responses.create(model=\"gpt-x\", input=\"hi\")",
            [L("secret", k)], "code")


def t_js_code():
    t = gh()
    return (f"const octokit = new Octokit({{ auth: '{t}' }});\nconst {{ data }} = await octokit.rest.repos.get({{ owner, repo }});",
            [L("secret", t)], "code")


def t_go_code():
    pw = password()
    return (f"db, err := sql.Open(\"postgres\", \"host=localhost user=svc password={pw} dbname=orders sslmode=disable\")\nif err != nil {{\n\tlog.Fatal(err)\n}}",
            [L("secret", pw)], "code")


def t_java_props():
    pw = password(); s = mixed(44, "+/")
    return (f"spring.datasource.url=jdbc:postgresql://db:5432/shop\nspring.datasource.username=shop\nspring.datasource.password={pw}\n"
            f"jwt.signing-secret={s}\nserver.port=8080", [L("secret", pw), L("secret", s)], "config")


def t_conn_string():
    pw = password().replace("@", "x").replace("#", "x").replace("%", "x").replace("?", "x")
    return (f"Connecting with DATABASE_URL=postgres://orders_rw:{pw}@db-7.internal.example:5432/orders ...", [L("secret", pw)], "config")


def t_git_remote():
    t = gh()
    return (f"$ git remote -v\norigin  https://x-access-token:{t}@github.com/example/shop.git (fetch)", [L("secret", t)], "code")


def t_pem():
    p = pem(R.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"]))
    return (f"Here is the deploy key you asked for, please keep it safe:\n\n{p}\n\nThe public half is already on the server.",
            [L("secret", p)], "config")


def t_pem_json():
    p = pem("PRIVATE KEY", 6)
    esc = p.replace("\n", "\\n")
    return (json.dumps({"type": "service_account", "project_id": "demo-shop", "private_key_id": token_hex(40)})[:-1]
            + f', "private_key": "{esc}"}}', [L("secret", esc)], "config")


def t_k8s_secret():
    pw = password(); t = mixed(48)
    return (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  REDIS_PASSWORD: \"{pw}\"\n  SESSION_SECRET: \"{t}\"",
            [L("secret", pw), L("secret", t)], "config")


def t_chat_leak():
    a = aws_id(); s = aws_secret()
    return (f"hey can you try with these? access key {a} and secret {s} — I'll rotate them tomorrow",
            [L("secret", a), L("secret", s)], "chat")


def t_npmrc():
    t = npm()
    return (f"registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken={t}\nalways-auth=true", [L("secret", t)], "config")


def t_docker_compose():
    pw = password(); root = password()
    return (f"services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: {root}\n      MYSQL_PASSWORD: {pw}\n    ports:\n      - \"3306:3306\"",
            [L("secret", root), L("secret", pw)], "config")


def t_cli_flag():
    pw = password()
    return (f"$ mysql -h 10.0.4.2 -u admin --password '{pw}' shop\nmysql: [Warning] Using a password on the command line interface can be insecure.",
            [L("secret", pw), L("ip", "10.0.4.2")], "code")


def t_log_token():
    j = jwt()
    return (f"2025-12-05 11:02:13,441 DEBUG auth.middleware - validated token={j} for tenant acme", [L("secret", j)], "log")


def t_ini():
    pw = password(); k = mixed(40, "/+"); a = aws_id()
    return (f"[default]\nregion = eu-west-1\naws_access_key_id = {a}\naws_secret_access_key = {k}\n\n[smtp]\nuser = mailer\npass = {pw}",
            [L("secret", a), L("secret", k), L("secret", pw)], "config")


def t_webhook():
    u = f"https://hooks.slack.com/services/T{rand(string.ascii_uppercase + string.digits, 8)}/B{rand(string.ascii_uppercase + string.digits, 10)}/{mixed(24)}"
    tok = u[len("https://"):]
    return (f"Alerts are posted to {u} every five minutes.", [L("secret", tok)], "config")


def t_anthropic_env():
    k = "sk-ant-api03-" + mixed(80, "-_")
    return (f"export ANTHROPIC_API_KEY={k}\nexport MODEL=claude\npython run_agent.py", [L("secret", k)], "config")


def t_terraform():
    pw = password()
    return (f"resource \"aws_db_instance\" \"main\" {{\n  engine   = \"postgres\"\n  username = \"admin\"\n  password = \"{pw}\"\n}}",
            [L("secret", pw)], "code")


def t_tool_output_secret():
    k = stripe()
    return (json.dumps({"status": "ok", "file": ".env.production", "content": f"PAYMENTS_KEY={k}\nFEATURE_X=true"}),
            [L("secret", k)], "config")


def t_high_entropy_misc():
    t = mixed(R.choice([24, 32, 40]), "")
    key = R.choice(["DB_CREDS", "signingSecretValue", "hmac_key", "ENCRYPTION_KEY", "session_secret", "webhook_signing_key"])
    return (f"{key}={t}", [L("secret", t)], "config")


def t_aws_example():
    return ("The sample below uses the documentation key id AKIAIOSFODNN7EXAMPLE; replace it before running.",
            [L("secret", "AKIAIOSFODNN7EXAMPLE")], "security_discussion")


SECRETS = [t_env_file, t_yaml_config, t_json_config, t_curl_bearer, t_http_log, t_basic_auth, t_api_key_header, t_python_code,
           t_js_code, t_go_code, t_java_props, t_conn_string, t_git_remote, t_pem, t_pem_json, t_k8s_secret, t_chat_leak, t_npmrc,
           t_docker_compose, t_cli_flag, t_log_token, t_webhook, t_anthropic_env, t_terraform, t_tool_output_secret,
           t_high_entropy_misc, t_aws_example, t_ini]


# ---------------------------------------------------------------- benign look-alikes
def b_order_mail():
    return (f"Your order ORD-{R.randrange(2024, 2026)}-{R.randrange(100000, 999999)} was shipped on {R.randrange(1, 28):02d}.{R.randrange(1, 12):02d}.2025. "
            f"Tracking number 1Z{rand(string.ascii_uppercase + string.digits, 16)}. Total: $1,{R.randrange(100, 999)}.{R.randrange(10, 99)}.", [], "business")


def b_versions():
    return (f"Upgraded the agent from version {R.randrange(1, 5)}.{R.randrange(0, 20)}.{R.randrange(0, 30)} to {R.randrange(5, 9)}.{R.randrange(0, 9)}.{R.randrange(0, 9)}; "
            f"firmware {R.randrange(1, 9)}.{R.randrange(0, 9)}.{R.randrange(0, 20)}.{R.randrange(100, 255)} stays. Build {R.randrange(10000, 99999)}.", [], "business")


def b_timestamps():
    return (f"2025-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d} {R.randrange(0, 24):02d}:{R.randrange(0, 60):02d}:{R.randrange(0, 60):02d}.{R.randrange(100, 999)} "
            f"INFO job {R.randrange(1000, 9999)} finished in {R.randrange(100, 9000)} ms (epoch {R.randrange(1700000000000, 1800000000000)})", [], "log")


def b_isbn():
    return (f"Recommended reading: ISBN 978-{R.randrange(0, 2)}-{R.randrange(100, 999)}-{R.randrange(10000, 99999)}-{R.randrange(0, 10)}, "
            f"2nd edition, {R.randrange(200, 800)} pages, €{R.randrange(20, 80)}.90", [], "business")


def b_uuid_sha():
    return (f"commit {token_hex(40)}\nAuthor: build-bot\nDate: Tue Dec 2 10:{R.randrange(10, 59)}:00 2025\n\n    Bump lockfile (request {uuid()})", [], "code")


def b_hashes_json():
    return (json.dumps({"id": uuid(), "sha256": token_hex(64), "etag": f"W/\"{token_hex(16)}\"", "size": R.randrange(1000, 10**7),
                        "integrity": "sha512-" + base64.b64encode(bytes(R.randrange(256) for _ in range(48))).decode()}), [], "code")


def b_base64_image():
    img = base64.b64encode(bytes([137, 80, 78, 71]) + bytes(R.randrange(256) for _ in range(90))).decode()
    return (f"<img alt=\"logo\" src=\"data:image/png;base64,{img}\" width=\"64\">", [], "code")


def b_prices_table():
    rows = "\n".join(f"| SKU-{R.randrange(10000, 99999)} | {R.randrange(1, 40)} | {R.randrange(1, 999)}.{R.randrange(10, 99)} | {R.randrange(1000000, 9999999)} |" for _ in range(4))
    return ("| sku | qty | unit price | barcode |\n|---|---|---|---|\n" + rows, [], "business")


def b_bad_card():
    n = luhn_bad()
    return (f"Reference number {n[:4]} {n[4:8]} {n[8:12]} {n[12:]} was rejected by the bank: checksum mismatch.", [], "business")


def b_bad_iban():
    i = iban_bad()
    return (f"The account field must look like an IBAN; the value {i} failed validation, ask the customer again.", [], "business")


def b_long_ids():
    return (f"Shipment {R.randrange(10**15, 10**16)} / parcel {R.randrange(10**11, 10**12)} / invoice {R.randrange(10**9, 10**10)} "
            f"dispatched from hub {R.randrange(100, 999)}.", [], "business")


def b_dates_intl():
    return (f"Termin am {R.randrange(1, 28)}.{R.randrange(1, 12)}.2025 um {R.randrange(8, 18)}:30 Uhr; Rückfragen bis 2025-{R.randrange(1, 12):02d}-{R.randrange(10, 28)}. "
            f"Rechnungsnr. {R.randrange(2025000, 2025999)}, Betrag 1.{R.randrange(100, 999)},{R.randrange(10, 99)} €", [], "multilingual")


def b_code_env_refs():
    return (f"db_password = os.environ[\"DB_PASSWORD\"]\napi_key = settings.get(\"PAYMENTS_API_KEY\")\ntoken = request.headers.get(\"Authorization\")\n"
            f"max_tokens = {R.choice([256, 1024, 4096])}\nif len(password) < 12:\n    raise ValueError(\"password too short\")", [], "code")


def b_config_placeholders():
    return (f"DB_PASSWORD=${{DB_PASSWORD}}\nAPI_KEY=<your-api-key>\nSECRET_KEY=changeme\nSMTP_PASSWORD=\nGITHUB_TOKEN={{{{ secrets.GITHUB_TOKEN }}}}\n"
            f"TOKEN_TTL={R.randrange(60, 3600)}", [], "code")


def b_schema():
    return (json.dumps({"type": "object", "properties": {"password": {"type": "string", "minLength": R.choice([8, 12, 16])},
                                                         "api_key": {"type": "string", "description": "Key from the dashboard"},
                                                         "token_url": "https://auth.example.com/oauth/token"},
                        "required": ["password"]}), [], "code")


def b_masked():
    return (f"Card ending in **** **** **** {R.randrange(1000, 9999)} was charged. Password: ********. Token: [REDACTED]. Key: sk_live_…{rand(string.ascii_lowercase, 4)}",
            [], "business")


def b_ip_versions():
    return (f"Release notes: version {R.randrange(1, 4)}.{R.randrange(0, 9)}.{R.randrange(0, 9)}.{R.randrange(0, 9)} fixes OID 1.3.6.1.4.1.{R.randrange(1000, 9999)} parsing; "
            f"tested on Windows 10.0.{R.randrange(17000, 22000)}.{R.randrange(100, 999)} and kernel 6.{R.randrange(1, 12)}.{R.randrange(0, 20)}.", [], "business")


def b_times_durations():
    return (f"Meeting moved to {R.randrange(8, 18)}:{R.choice(['00', '15', '30', '45'])}; agenda items 1-{R.randrange(3, 9)}, budget 2025/26, "
            f"room 3.{R.randrange(10, 40)}, call duration 00:{R.randrange(10, 59)}:{R.randrange(10, 59)}.", [], "business")


def b_stats():
    return (f"Q3 revenue grew {R.randrange(2, 30)}.{R.randrange(0, 9)}% to {R.randrange(100, 999)} 456 789 EUR across {R.randrange(10, 99)} markets; "
            f"{R.randrange(1000, 9999)}-{R.randrange(1000, 9999)} units were returned.", [], "business")


def b_mac_cpp():
    mac = ":".join(format(R.randrange(256), "02X") for _ in range(6))
    return (f"Interface eth0 HWaddr {mac}\nstd::vector<int> ids; ids.reserve({R.randrange(10, 99)});\nauto x = ns::Foo::bar();", [], "code")


def b_test_ids():
    return (f"Test run {uuid()} on build #{R.randrange(1000, 9999)}: {R.randrange(100, 999)} passed, 0 failed, seed {R.randrange(10**9, 10**10)}.", [], "code")


def b_email_like():
    return (f"Use the @{rand(string.ascii_lowercase, 6)} handle or #support-{rand(string.ascii_lowercase, 4)} channel; decorators like @dataclass(frozen=True) stay.",
            [], "code")


def b_lockfile():
    return (f"\"node_modules/left-pad\": {{\n  \"version\": \"1.{R.randrange(0, 9)}.{R.randrange(0, 9)}\",\n  \"resolved\": \"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz\",\n"
            f"  \"integrity\": \"sha512-{base64.b64encode(bytes(R.randrange(256) for _ in range(64))).decode()}\"\n}}", [], "code")


def b_coordinates():
    return (f"Depot at 52.{R.randrange(100000, 999999)}, 13.{R.randrange(100000, 999999)}; elevation 34 m; postcode 10{R.randrange(100, 999)}.", [], "business")


BENIGN = [b_order_mail, b_versions, b_timestamps, b_isbn, b_uuid_sha, b_hashes_json, b_base64_image, b_prices_table, b_bad_card,
          b_bad_iban, b_long_ids, b_dates_intl, b_code_env_refs, b_config_placeholders, b_schema, b_masked, b_ip_versions,
          b_times_durations, b_stats, b_mac_cpp, b_test_ids, b_email_like, b_lockfile, b_coordinates]

DISCUSSIONS = [
    "AWS access key ids are 20 characters long and start with AKIA for long-term keys or ASIA for temporary ones; the secret half is 40 characters.",
    "GitHub prefixes its tokens so scanners can find them: ghp_ for personal access tokens, gho_ for OAuth tokens and github_pat_ for fine-grained ones.",
    "A PEM private key starts with a line like -----BEGIN PRIVATE KEY----- and ends with the matching END line; never paste one into a ticket.",
    "A JWT is three base64url parts separated by dots: header.payload.signature. The header usually says which alg signed it.",
    "Stripe secret keys begin with sk_live_ in production and sk_test_ in test mode, restricted keys with rk_live_.",
    "Set password=<your password> in the config and keep the real value in the vault; the field token: is read from TOKEN at start-up.",
    "Slack bot tokens look like xoxb- followed by numbers and letters; rotate them from the app settings page if one leaks.",
    "Rule of thumb: a value with more than about 4.5 bits of entropy per character in a field called secret is probably a credential.",
    "Das Passwort muss mindestens 12 Zeichen lang sein; das Feld api_key darf nicht leer bleiben.",
    "Le jeton d'accès expire après 3600 secondes ; renouvelez-le avec le refresh token fourni par /oauth/token.",
    "Google API keys start with AIza and are 39 characters long; restrict them to your referrers.",
    "OpenAI-style keys start with sk- and Anthropic keys with sk-ant-; both should live in environment variables, not in code.",
    "The Authorization header carries Bearer followed by the token; with Basic auth it carries base64(user:password).",
    "Our password policy: min_length: 14, require_symbols: true, max_age_days: 90, history: 5.",
    "If a test needs a card number, Stripe documents several that always succeed; real card numbers must never appear in logs.",
    "IBANs start with a two-letter country code and two check digits; the checksum is mod 97 over the rearranged digits.",
    "US social security numbers have the form AAA-GG-SSSS; area 000, 666 and 900-999 are never issued.",
    "npm automation tokens start with npm_ and are 40 characters in total; publish with them only from CI.",
    "Private IP ranges are 10/8, 172.16/12 and 192.168/16; documentation uses the 2001:db8::/32 block for IPv6 examples.",
    "Phone numbers in E.164 start with + and the country code and have at most 15 digits.",
]

SECURITY_CODE = [
    "def check(token: str) -> bool:\n    return hmac.compare_digest(token, expected_token)",
    "if (!password || password.length < 12) { errors.push('password too short'); }",
    "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\nNPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
    "aws_secret_access_key = os.getenv('AWS_SECRET_ACCESS_KEY')\naws_access_key_id = os.getenv('AWS_ACCESS_KEY_ID')",
    "password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
    "const secret = await vault.read(`kv/data/${service}/db`);",
    "api_key: str = Field(..., description=\"Key from the provider dashboard\")",
    "token_url: https://auth.example.com/oauth2/token\nclient_id: orders-service\nscopes: [orders.read]",
    "Authorization: Bearer <token>\nContent-Type: application/json",
    "SECRET_KEY = env('DJANGO_SECRET_KEY')\nDEBUG = env.bool('DEBUG', default=False)",
    "password: string;\ntoken?: string;\napiKey: string | undefined;",
    "kubectl create secret generic db --from-literal=password=$DB_PASSWORD",
]


# Hand-written hard cases: (file, kind, text, [(class, value)...]); they alternate between the splits.
HARD = [
    ("pii", "business", "Please reply to John.DOE@Example.COM (not the old address).", [("email", "John.DOE@Example.COM")]),
    ("pii", "business", "Send the contract to <m.okafor+legal@partners.example.org>.", [("email", "m.okafor+legal@partners.example.org")]),
    ("pii", "code", '<a href="mailto:support-team@helpdesk.example.com">Contact us</a>', [("email", "support-team@helpdesk.example.com")]),
    ("pii", "business", "Questions? Write to ines.marin@example.es.", [("email", "ines.marin@example.es")]),
    ("pii", "business", "Call us on (+44) 20 7946 0321 between 9 and 5.", [("phone", "+44) 20 7946 0321")]),
    ("pii", "code", '<a href="tel:+14155550123">Call</a>', [("phone", "+14155550123")]),
    ("pii", "record", "Ph: 415 555 0132 / Fax: 415 555 0199", [("phone", "415 555 0132"), ("phone", "415 555 0199")]),
    ("pii", "multilingual", "Телефон офиса: +7 495 123-45-67, доб. 12", [("phone", "+7 495 123-45-67")]),
    ("pii", "multilingual", "联系电话：+86 138 0013 8000", [("phone", "+86 138 0013 8000")]),
    ("pii", "business", "Mobile: +353 87 123 4567. Office hours Mon-Fri.", [("phone", "+353 87 123 4567")]),
    ("pii", "multilingual", "Rückruf bitte unter (030) 1234 5678 oder 0171 2345678.", [("phone", "(030) 1234 5678"), ("phone", "0171 2345678")]),
    ("pii", "business", "You can call me at 4155550123 after six.", [("phone", "4155550123")]),
    ("pii", "business", "Freephone 0800 123 4567, or +1 415.555.0199 from abroad.", [("phone", "0800 123 4567"), ("phone", "+1 415.555.0199")]),
    ("pii", "record", "card=4111-1111-1111-1111 exp=12/29 (test card from the sandbox)", [("card", "4111-1111-1111-1111")]),
    ("pii", "record", '{"pan":"5555555555554444","cvc":"***"}', [("card", "5555555555554444")]),
    ("pii", "business", "Amex on file: 3782 822463 10005.", [("card", "3782 822463 10005")]),
    ("pii", "multilingual", "Numéro de carte : 4970 1012 3456 7893 ; merci de le supprimer de vos notes.", [("card", "4970 1012 3456 7893")]),
    ("pii", "business", "IBAN:DE89370400440532013000 (Girokonto)", [("iban", "DE89370400440532013000")]),
    ("pii", "business", "our account: gb82 west 1234 5698 7654 32 at the Leeds branch", [("iban", "gb82 west 1234 5698 7654 32")]),
    ("pii", "record", "Beneficiary IBAN DE89 3704 0044 0532 0130 00, amount 1.250,00 EUR", [("iban", "DE89 3704 0044 0532 0130 00")]),
    ("pii", "record", "SSN 123-45-6789 / DOB 1990-04-12", [("national_id", "123-45-6789")]),
    ("pii", "record", "NI number: AB 12 34 56 C", [("national_id", "AB 12 34 56 C")]),
    ("pii", "code", "resolver 8.8.8.8.", [("ip", "8.8.8.8")]),
    ("pii", "code", "curl -v https://[2001:db8::1]:443/health", [("ip", "2001:db8::1")]),
    ("pii", "code", "client=::ffff:192.0.2.128 upstream=10.0.0.1:8080", [("ip", "::ffff:192.0.2.128"), ("ip", "10.0.0.1")]),
    ("pii", "code", "remote_addr=203.0.113.7 forwarded_for=198.51.100.23, 10.1.2.3", [("ip", "203.0.113.7"), ("ip", "198.51.100.23"), ("ip", "10.1.2.3")]),
    ("pii", "code", "The loopback address ::1 answered, 127.0.0.1 did not.", [("ip", "::1"), ("ip", "127.0.0.1")]),
    ("pii", "multilingual", "Mi correo es lucía.gómez@example.es y mi móvil 612 345 678.", [("email", "lucía.gómez@example.es"), ("phone", "612 345 678")]),
    ("benign", "business", "Version 4.2.1.0 is out; v1.2.3.4 is no longer supported.", []),
    ("benign", "business", "Call 1-800-FLOWERS for same-day delivery.", []),
    ("benign", "business", "Dates: 2025-12-07, 12/07/2025 and 07.12.2025 14:30.", []),
    ("benign", "business", "Order no. 4410-2231-8890 and invoice 2025/0012/4431 were merged.", []),
    ("benign", "business", "USPS tracking 9400 1000 0000 0000 0000 00 shows it in transit.", []),
    ("benign", "business", "The reference 4111 1111 1111 1112 is not a valid card number.", []),
    ("benign", "business", "ISBN 0-306-40615-2 (paperback), price $4,111.11.", []),
    ("benign", "code", "FROM registry.example.com/app@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", []),
    ("benign", "business", "Pi is roughly 3.14159265358979 and e is 2.71828182845904.", []),
    ("benign", "business", "Meeting point 48.8584, 2.2945 at 10:00; +1 vote from the team, +3.5% growth.", []),
    ("benign", "business", "Placeholder account DE00 0000 0000 0000 0000 00 must be replaced.", []),
    ("benign", "business", "Part no. 512-44-9081 is back in stock (model 300-12-0044).", []),
    ("benign", "business", "The numbers 000-12-3456 and 987-65-4321 are never issued as SSNs.", []),
    ("benign", "code", '{"token": null, "password": "", "api_key_id": "key-7781", "password_reset_url": "https://example.com/reset"}', []),
    ("benign", "code", "Authorization: Bearer {{access_token}}\nX-Api-Key: ${API_KEY}", []),
    ("benign", "code", 'GITHUB_SHA=3f2a9c1d7e8b6a5f4c3d2e1f0a9b8c7d6e5f4a3b\nRUNNER_OS=Linux', []),
    ("benign", "code", '{"nonce": "Xk92LmQp7ZtR4vB8", "request_id": "Ab3dE9fGh2JkL7mNp4Qr", "next_page_token": "CjAKEgoQAbC12dEf34GhIj56KlMn"}', []),
    ("benign", "security_discussion", "The sk-learn pipeline and the ghp_ prefix were discussed; AKIA plus sixteen characters is the format.", []),
    ("benign", "code", '"password": "Password",\n"password_hint": "At least 12 characters",\n"token_expired": "Your session expired"', []),
    ("benign", "code", "max_tokens: 4096\ntemperature: 0.2\ntoken_limit: 128000", []),
    ("benign", "business", "Room 3.14, building 12, floor 2; access code on the board by reception.", []),
    ("benign", "code", "MAC 00:1A:2B:3C:4D:5E; C++ std::chrono::seconds(30); time 12:30:45", []),
    ("secrets", "config", "pwd=Tr0ub4dor&3", [("secret", "Tr0ub4dor&3")]),
    ("secrets", "code", "$password = 'S3cr3t!Pass';", [("secret", "S3cr3t!Pass")]),
    ("secrets", "config", "DefaultEndpointsProtocol=https;AccountName=shopfiles;AccountKey=q8Zk3mW9pT2vX7nR4bY6cA1sD5fG0hJ8kL3zQ9wE2rT7yU4iO6pA1sD5fG8hJ0kL2zX4cV6bN8mQ1wE3rT5yU7iO9p==;EndpointSuffix=core.windows.net",
     [("secret", "q8Zk3mW9pT2vX7nR4bY6cA1sD5fG0hJ8kL3zQ9wE2rT7yU4iO6pA1sD5fG8hJ0kL2zX4cV6bN8mQ1wE3rT5yU7iO9p==")]),
    ("secrets", "chat", "here's my github token if you need it: ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12", [("secret", "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12")]),
    ("secrets", "config", '"client_secret": "GOCSPX-7hT2kLmN9pQrS4vWxY1zA3bC5dE"', [("secret", "GOCSPX-7hT2kLmN9pQrS4vWxY1zA3bC5dE")]),
    ("secrets", "config", "tls:\n  key: |\n    -----BEGIN EC PRIVATE KEY-----\n    MHcCAQEEIBkq7Hn3W0pTzX4vYk9LmQ2rS8aB1cD3eF5gH7iJ9kL0oAoGCCqGSM49\n    AwEHoUQDQgAE4f5g6h7i8j9k0l1m2n3o4p5q6r7s8t9u0v1w2x3y4z5A6B7C8D9E\n    -----END EC PRIVATE KEY-----",
     [("secret", "-----BEGIN EC PRIVATE KEY-----\n    MHcCAQEEIBkq7Hn3W0pTzX4vYk9LmQ2rS8aB1cD3eF5gH7iJ9kL0oAoGCCqGSM49\n    AwEHoUQDQgAE4f5g6h7i8j9k0l1m2n3o4p5q6r7s8t9u0v1w2x3y4z5A6B7C8D9E\n    -----END EC PRIVATE KEY-----")]),
    ("secrets", "log", "GET /callback?code=4/0AX4Xf&access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4 200",
     [("secret", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4")]),
    ("secrets", "config", 'PASSWORD: "correct horse battery staple"', [("secret", "correct horse battery staple")]),
    ("secrets", "code", 'requests.post(url, auth=("svc-billing", "pa55-W0rd-2025"))', [("secret", "pa55-W0rd-2025")]),
    ("secrets", "config", "[client]\nuser=backup\npassword=9kQ!vR2#mZ\nhost=db.internal", [("secret", "9kQ!vR2#mZ")]),
    ("secrets", "headers", "Cookie: theme=dark; session_token=Qm9Hn4Kx2Lp8Vr6Tz1Wy3Ab5Cd7Ef; lang=en", [("secret", "Qm9Hn4Kx2Lp8Vr6Tz1Wy3Ab5Cd7Ef")]),
    ("secrets", "log", "[warn] retrying with key sk_live_51Hx9QmK2pL7vT4rW8yZ3aB6cD1eF5gH0jN on account acct_1Nq", [("secret", "sk_live_51Hx9QmK2pL7vT4rW8yZ3aB6cD1eF5gH0jN")]),
]


def write():
    os.makedirs(OUT, exist_ok=True)
    groups = [("pii", PII, 5), ("secrets", SECRETS, 5), ("benign", BENIGN, 4)]
    for file, templates, reps in groups:
        for t_index, t in enumerate(templates):
            for _ in range(reps):
                text, expect, kind = t()
                add(file, kind, t_index, text, expect)
    for t_index, text in enumerate(DISCUSSIONS):
        add("benign", "security_discussion", t_index, text, [])
    for t_index, text in enumerate(SECURITY_CODE):
        add("benign", "code", 100 + t_index, text, [])
    for t_index, (file, kind, text, labels) in enumerate(HARD):
        add(file, kind, 1000 + t_index, text, [L(c, v) for c, v in labels])
    for file, rows in cases.items():
        seen = set()
        prefix = {"pii": "pii", "secrets": "sec", "benign": "ben"}[file]
        with open(os.path.join(OUT, f"{file}.jsonl"), "w", encoding="utf-8") as out:
            n = 0
            for row in rows:
                if row["text"] in seen:
                    continue
                seen.add(row["text"])
                n += 1
                split = "tune" if row["template"] % 2 == 0 else "report"
                # de-duplicate labels
                exp, keys = [], set()
                for e in row["expect"]:
                    k = (e["class"], e.get("value"))
                    if k not in keys:
                        keys.add(k)
                        exp.append(e)
                out.write(json.dumps({"id": f"{prefix}-{n:04d}", "split": split, "kind": row["kind"], "text": row["text"],
                                      "expect": exp}, ensure_ascii=False) + "\n")
            print(file, n)


if __name__ == "__main__":
    write()
