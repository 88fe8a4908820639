#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ (checked in; run again after editing).

Realistic Chinese, Vietnamese, French and English inputs for every target, and nasty ones: invalid
UTF-8, huge numbers, deep nesting, empty input, stray quotes. The first byte of an input is the
target's choice byte (see each *_fuzzer.cc): a record type index, a language tag index, ...
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ["organisation", "person", "profile", "case", "agreement", "project", "programme", "session",
         "enrolment", "document", "interest"]


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def T(lang, text, **tr):
    t = {"lang": lang, "text": text}
    if tr:
        t["translations"] = {k.replace("_", "-"): v for k, v in tr.items()}
    return t


RECORDS = {
    "organisation": [
        {"ref": "vn-lang-son-dost", "name": T("vi", "Sở Khoa học và Công nghệ Lạng Sơn"), "kind": "government",
         "country": "VN", "region": "Lạng Sơn", "locality_code": "VN-09", "website": "https://sokhcn.langson.gov.vn"},
        {"name": T("zh-Hans", "中国—东盟人工智能应用合作中心", vi="Trung tâm Hợp tác Ứng dụng AI Trung Quốc–ASEAN"),
         "kind": "government", "country": "cn", "locality": "南宁", "description": "广西南宁"},
        {"name": "Université de Hanoï", "kind": "university", "country": "VN", "description": T("fr", "Coopération « IA » franco-vietnamienne")},
        {"name": T("en", "Nanning Smart Agriculture Co., Ltd."), "kind": "enterprise", "country": "CN", "website": "ftp://x"},
    ],
    "person": [
        {"name": "Nguyễn Thị Hoa", "organisation": "vn-lang-son-dost", "role": "Chuyên viên", "email": "hoa@example.vn",
         "languages": ["vi", "zh-Hans", "fr"], "country": "VN"},
        {"name": "王小明", "org": 12, "email": "not-an-email", "languages": ["zz-Bogus"]},
    ],
    "profile": [
        {"org": "vn-lang-son-dost", "kind": "request", "subject": "technology",
         "title": T("vi", "Dự báo sâu bệnh hại lúa bằng trí tuệ nhân tạo"),
         "summary": "Hợp tác xã cần hệ thống cảnh báo sớm", "target_countries": ["CN", "VN"],
         "deadline": "2026-10-31", "status": "published"},
        {"organisation": 7, "kind": "offer", "title": T("zh-Hant", "智慧醫療影像輔助診斷"), "target_countries": "VN"},
        {"org": "x", "kind": "offer", "title": "Drones pour l'épandage", "deadline": "2026-02-30"},
    ],
    "case": [
        {"title": T("vi", "Nuôi tôm thông minh ở Cà Mau"), "supplier": 3, "adopter": "vn-ca-mau", "country": "VN",
         "locality": "Cà Mau", "domain": "aquaculture", "year": 2025, "outcome": "Giảm 30% chi phí"},
        {"title": "Case", "year": 1899},
        {"title": "Case", "year": 9223372036854775807},
    ],
    "agreement": [
        {"title": T("zh-Hans", "人工智能合作备忘录"), "parties": ["org-1", 2], "agreement_type": "mou",
         "signed_date": "2025-09-18", "signed_place": "南宁", "status": "in_force"},
        {"title": "MoU", "parties": ["org-1"], "agreement_type": "treaty"},
    ],
    "project": [
        {"title": T("en", "Rice pest early warning"), "parties": [1, 2], "stage": "in_progress", "value": 1250000.5,
         "currency": "CNY", "agreement": 1, "case": "c-1", "country": "VN", "start_date": "2025-03-01"},
        {"title": "P", "parties": [1, 2], "value": -1, "currency": "XYZ"},
    ],
    "programme": [
        {"title": T("fr", "Formation à l'intelligence artificielle appliquée"), "description": "Cinq sessions",
         "provider": 1, "target_countries": ["VN", "LA", "KH"], "language": "zh-Hans"},
    ],
    "session": [
        {"programme": "prog-1", "title": "Khóa 1", "start_date": "2025-06-09", "end_date": "2025-06-20",
         "venue": "南宁", "online": False, "language": "vi", "capacity": 45, "country": "CN", "locality": "南宁"},
        {"programme": 1, "start_date": "2025-06-20", "end_date": "2025-06-09", "online": "oui", "capacity": 0},
    ],
    "enrolment": [
        {"person": "p-1", "session": "s-1", "status": "waitlisted"},
    ],
    "document": [
        {"title": T("fr", "Le Guangxi et le Vietnam coopèrent dans l'intelligence artificielle"),
         "body": T("fr", "NANNING, 10 mars (Xinhua) -- Cinq sessions de formation... plus de 200 participants.\n\nLégende : photo."),
         "date": "2026-03-10", "source": "Xinhua", "url": "https://french.news.cn/x.htm"},
    ],
    "interest": [
        {"profile": "p-1", "org": "o-1", "name": "Lê Văn Nam", "email": "nam@example.vn",
         "message": T("vi", "Chúng tôi quan tâm đến giải pháp này")},
    ],
}

NASTY_JSON = {
    "empty": b"",
    "space": b"   ",
    "not_object": b"[1,2,3]",
    "deep_arrays": b"[" * 2000 + b"]" * 2000,
    "deep_objects": b'{"name":' * 450 + b"1" + b"}" * 450,
    "huge_int": b'{"name":"x","year":123456789012345678901234567890}',
    "huge_exp": b'{"name":"x","value":1e400}',
    "neg_huge": b'{"value":-1e-400,"year":-9223372036854775808}',
    "invalid_utf8": b'{"name":"H\xe0 N\xf4i","kind":"government","country":"VN"}',
    "overlong_utf8": b'{"name":"\xc0\xaf\xed\xa0\x80"}',
    "escaped_nul": b'{"name":"a\\u0000b","kind":"enterprise","country":"VN"}',
    "lone_surrogate": b'{"name":"\\ud800","kind":"enterprise","country":"VN"}',
    "dup_alias": b'{"org":1,"organisation":2,"kind":"offer","title":"x"}',
    "text_object_bad": b'{"name":{"lang":5,"text":["a"],"translations":{"fr":1},"x":null}}',
    "truncated": b'{"name":"Nguy\xe1\xbb',
    "bom": b'\xef\xbb\xbf{"name":"x"}',
    "trailing": b'{"name":"x"} {"name":"y"}',
}


def record_json():
    for type_name, records in RECORDS.items():
        idx = TYPES.index(type_name)
        for i, r in enumerate(records):
            write("record_json", f"{type_name}_{i}", bytes([idx]) + json.dumps(r, ensure_ascii=False).encode())
    for name, body in NASTY_JSON.items():
        write("record_json", f"nasty_{name}", bytes([0]) + body)


def jsonl_line():
    for type_name, records in RECORDS.items():
        for i, r in enumerate(records):
            line = dict(type=type_name, **r)
            write("jsonl_line", f"{type_name}_{i}", json.dumps(line, ensure_ascii=(i % 2 == 1)))
    for name, body in NASTY_JSON.items():
        write("jsonl_line", f"nasty_{name}", body)
    write("jsonl_line", "unknown_type", '{"type":"spaceship","ref":"x"}')
    write("jsonl_line", "type_not_string", '{"type":7}')
    write("jsonl_line", "export_shape",
          '{"type":"organisation","ref":"o-1","name":{"lang":"vi","text":"Sở Y tế"},"kind":"government",'
          '"country":"VN","id":5,"version":3,"created_at":"2025-01-01T00:00:00Z","updated_at":"x"}')


CSV = {
    "organisations_vi_zh_fr": (0,
        "\ufefftype,ref,name,name_lang,kind,country,locality,description\r\n"
        "organisation,vn-1,Sở Khoa học và Công nghệ Lạng Sơn,vi,government,VN,Lạng Sơn,\"Chuyển đổi số, AI\"\r\n"
        "organisation,cn-1,\"南宁智能科技有限公司，广西\",,enterprise,CN,南宁,\"提供“无人机”植保服务\nhai dòng\"\r\n"
        "organisation,fr-1,\"Agence \"\"IA\"\" de Lyon\",fr,association,FR,Lyon,\r\n"),
    "profiles_default_type": (2,
        "ref,org,kind,title,title_lang,summary,lang,target_countries,status,deadline\n"
        "p-1,vn-1,request,Dự báo sâu bệnh lúa bằng AI,,Hệ thống cảnh báo sớm,vi,VN;CN,published,2026-10-31\n"
        "p-2,12,offer,水稻病虫害智能识别,zh-Hans,Identification des ravageurs,fr,VN | LA,draft,\n"),
    "sessions_bools_ints": (11,
        "type,programme,start_date,end_date,online,capacity,parties,value\n"
        "session,prog-1,2025-06-09,2025-06-20,oui,45,,\n"
        "session,prog-1,2025-07-01,2025-07-05,không,99999999999999999999,,\n"
        "agreement,,,,,,org-1|7,\n"
        "project,,,,,,1;2,1250000.50\n"),
    "english_case": (3, "title,year,domain,country\nSmart shrimp farming in Ca Mau,2025,aquaculture,VN\nPest,about 2024,,\n"),
    "people_lists": (1, "name,org,languages,email\nNguyễn Thị Hoa,vn-1,vi;zh-Hans;fr,hoa@example.vn\n王小明,,zz,bad\n"),
    "unclosed_quote": (0, "name,kind,country\n\"never closed,enterprise,VN\n"),
    "text_after_quote": (0, "name,kind,country\n\"Công ty \"ABC\" Hà Nội\",enterprise,VN\n"),
    "too_few_cells": (0, "name,kind,country\n广西大学,university\n"),
    "too_many_cells": (0, "name,kind,country\nUniversité Paris, Cité,university,FR\n"),
    "lone_cr": (0, "name,kind,country\rA,enterprise,VN\rB,enterprise,CN"),
    "blank_rows": (0, "name,kind,country\n,,\n\n , , \nA,enterprise,VN,,\n"),
    "invalid_utf8": (0, b"name,kind,country\nH\xe0 N\xf4i,government,VN\n"),
    "duplicate_header": (0, "name,name,kind\nA,B,enterprise\n"),
    "no_header": (0, ",,\n1,2,3\n"),
    "empty": (0, ""),
    "bom_only": (0, "\ufeff"),
    "quotes_only": (0, '""""""'),
    "header_only": (11, "type,ref,name\n"),
    "documents_long_body": (9, "title,body,date,source\nLe Guangxi et le Vietnam,\"" + "NANNING, 10 mars -- " * 40 + "\",2026-03-10,Xinhua\n"),
}


def csv_seeds():
    for name, (choice, text) in CSV.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        write("csv", name, bytes([choice]) + data)


QUERIES = [
    "q=n%C3%B4ng+nghi%E1%BB%87p&lang=vi",
    "q=%E6%97%A0%E4%BA%BA%E6%9C%BA&type=profile,organisation&country=cn&lang=zh-Hans",
    "q=drones+agricoles&lang=fr&kind=offer&subject=technology&status=published&limit=5&cursor=s5",
    "q=shrimp+farmin&type=cases&from=2024-01-01&to=2026-12-31",
    "q=Qu%E1%BA%A3ng+T%C3%A2y&locality=L%E1%BA%A1ng+S%C6%A1n",
    "q=Nam+Ninh&type=organisation",
    "q=%E5%BB%A3%E8%A5%BF",
    "q=&limit=0",
    "limit=101&cursor=s10001&colour=red",
    "q=%FF%FE&lang=xx",
    "q=%4",
    "q=%00",
    "type=,,,&kind=&from=2025-02-30",
    "q=" + "a" * 300,
    "q=" + "%E4%BA%BA" * 200,
    "cursor=s-1&limit=-5&limit=7",
    "q=ai&q=ia&lang=fr&lang=vi",
]


def search_query():
    for i, q in enumerate(QUERIES):
        write("search_query", f"http_{i:02d}", b"\x00" + q.encode())
    raw = [
        (b"\x01", "vi\nnông nghiệp thông minh"),
        (b"\x03", "zh-Hans\n水稻病虫害 无人机"),
        (b"\x05", "fr\nl'intelligence artificielle pour l'épandage"),
        (b"\x07", "\nComputer vision shrimp"),
        (b"\x09", b"und\n\xff\xfe\xc3("),
        (b"\x0b", "zh-Hant\n智慧醫療"),
    ]
    for i, (c, body) in enumerate(raw):
        write("search_query", f"raw_{i:02d}", c + (body.encode() if isinstance(body, str) else body))


TEXTS = [
    (4, "Dự báo sâu bệnh hại lúa bằng trí tuệ nhân tạo ở Lạng Sơn, Cao Bằng và Quảng Ninh."),
    (5, "DU BAO SAU BENH — viết không dấu, TP. HCM; Hà Nội."),
    (0, "广西壮族自治区南宁市的中国—东盟人工智能应用合作中心，2025年举办5期培训班，200多名学员参加。"),
    (2, "廣西與越南在人工智慧領域的合作：無人機植保、智慧醫療。"),
    (7, "Le Guangxi et le Vietnam coopèrent dans l'intelligence artificielle : drones, « IA » et santé."),
    (6, "The China–ASEAN AI Application Cooperation Centre hosts UAVs, ITS and AIS training in 2025."),
    (9, "AI 人工智能 trí tuệ nhân tạo intelligence artificielle 2025 4.0"),
    (10, "ปัญญาประดิษฐ์ ການຮຽນຮູ້ ម៉ាស៊ីន"),
    (13, "x"),
    (0, ""),
]


def text_analysis():
    for i, (tag, text) in enumerate(TEXTS):
        write("text_analysis", f"text_{i:02d}", bytes([tag]) + text.encode())
        write("text_analysis", f"indexed_{i:02d}", bytes([tag | 0x40]) + text.encode())
    write("text_analysis", "raw_tag", b"\xc0zh-Hant-TW-x-private\n\xe6\x99\xba\xe6\x85\xa7")
    write("text_analysis", "raw_tag_invalid", b"\x80\xff\xfe\n\xe0\x80\x80abc")
    write("text_analysis", "invalid_utf8", b"\x04Nguy\xe1\xbb\x85n \xff\xfe \xed\xa0\x80 \xf4\x90\x80\x80")
    write("text_analysis", "combining", "\x04Vie\u0323\u0302t Nam ca\u0300 phe\u0301 \u0301\u0301\u0301".encode())
    write("text_analysis", "long_word", b"\x46" + b"a" * 3000)
    write("text_analysis", "nul_bytes", b"\x45a\x00b\x00\x00c")


def main():
    corpus = os.path.join(HERE, "corpus")
    if os.path.isdir(corpus):
        shutil.rmtree(corpus)
    record_json()
    jsonl_line()
    csv_seeds()
    search_query()
    text_analysis()


if __name__ == "__main__":
    main()
