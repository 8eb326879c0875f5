"""Honest host pages in languages the dev pages barely have (Thai, Indonesian, Vietnamese, Russian).

The dev pages are English and Chinese but for a handful, so spam written in Thai or Indonesian
would otherwise only ever be injected into English pages, where its script or vocabulary alone
gives it away. These pages are short local-news reports assembled from the sentences below (a
seeded choice of headline, sentences and order), with a menu and a footer, as page text and as
HTML. They are honest: ``bench.spam`` also counts what the detector does to them untouched.
"""

from __future__ import annotations

import random

from bench.spamgen.pages import as_html, as_text

HOST_LANGUAGES = ("th", "id", "vi", "ru")

SITES = {
    "th": ["https://www.khao-wannee.co.th/news/{n}", "https://thai-daily-report.com/local/{n}"],
    "id": ["https://www.kabar-harian.co.id/berita/{n}", "https://warta-kota-online.com/nasional/{n}"],
    "vi": ["https://tintuc-hangngay.vn/thoi-su/{n}", "https://www.baodiaphuong.com.vn/tin/{n}"],
    "ru": ["https://www.gorodskie-vesti.ru/news/{n}", "https://novosti-regiona.com/society/{n}"],
}

NAV = {
    "th": ["หน้าแรก | ข่าว | การเมือง | เศรษฐกิจ | กีฬา | บันเทิง | ต่างประเทศ"],
    "id": ["Beranda | Berita | Nasional | Ekonomi | Olahraga | Teknologi | Hiburan"],
    "vi": ["Trang chủ | Thời sự | Kinh doanh | Thể thao | Giải trí | Sức khỏe | Du lịch"],
    "ru": ["Главная | Новости | Политика | Экономика | Спорт | Культура | Общество"],
}
FOOTER = {
    "th": ["เกี่ยวกับเรา | ติดต่อเรา | ร่วมงานกับเรา | นโยบายความเป็นส่วนตัว"],
    "id": ["Tentang Kami | Redaksi | Kontak | Kebijakan Privasi | Pedoman Media Siber"],
    "vi": ["Giới thiệu | Liên hệ | Quảng cáo | Chính sách bảo mật"],
    "ru": ["О проекте | Реклама | Контакты | Политика конфиденциальности"],
}

# (headline, sentences) per story; a page tells one story, sometimes followed by a second one.
STORIES: dict[str, list[tuple[str, list[str]]]] = {
    "th": [
        ("กทม. เร่งซ่อมถนนสายหลักรับมือฤดูฝน", [
            "กรุงเทพมหานครเตรียมปรับปรุงถนนสายหลักกว่า 40 กิโลเมตรภายในปีนี้ เพื่อแก้ปัญหาน้ำท่วมขังในช่วงฤดูฝน",
            "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า งบประมาณส่วนใหญ่จะใช้ในการซ่อมแซมท่อระบายน้ำและผิวจราจร",
            "ประชาชนในพื้นที่ก่อสร้างควรวางแผนการเดินทางล่วงหน้า เนื่องจากจะมีการปิดช่องจราจรบางช่วง",
            "เจ้าหน้าที่คาดว่างานซ่อมถนนทั้งหมดจะแล้วเสร็จก่อนสิ้นปี",
        ]),
        ("กรมอุตุฯ เตือนฝนตกหนักภาคเหนือและภาคอีสาน", [
            "กรมอุตุนิยมวิทยาคาดการณ์ว่าจะมีฝนตกหนักในภาคเหนือและภาคตะวันออกเฉียงเหนือตลอดสัปดาห์นี้",
            "ประชาชนในพื้นที่เสี่ยงควรติดตามประกาศเตือนภัยอย่างใกล้ชิด และเตรียมสิ่งของจำเป็นไว้ให้พร้อม",
            "หน่วยงานท้องถิ่นได้เตรียมเครื่องสูบน้ำและเรือไว้ช่วยเหลือผู้ประสบภัยแล้ว",
            "เกษตรกรบางส่วนเริ่มเก็บเกี่ยวผลผลิตก่อนกำหนดเพื่อลดความเสียหาย",
        ]),
        ("แบงก์ชาติคงอัตราดอกเบี้ยนโยบาย", [
            "ธนาคารแห่งประเทศไทยมีมติคงอัตราดอกเบี้ยนโยบายไว้ที่ระดับเดิม หลังเศรษฐกิจฟื้นตัวช้ากว่าที่คาด",
            "นักวิเคราะห์ระบุว่าการส่งออกที่ชะลอตัวและราคาพลังงานที่สูงขึ้นยังคงเป็นปัจจัยเสี่ยงสำคัญ",
            "ภาคการท่องเที่ยวยังเป็นแรงขับเคลื่อนหลักของการเติบโตในปีนี้",
            "คณะกรรมการจะประเมินสถานการณ์อีกครั้งในการประชุมครั้งถัดไป",
        ]),
        ("ไข้เลือดออกระบาดหนักในหลายจังหวัด", [
            "กระทรวงสาธารณสุขรายงานว่าจำนวนผู้ป่วยไข้เลือดออกเพิ่มขึ้นในหลายจังหวัด โดยเฉพาะในกลุ่มเด็กนักเรียน",
            "เจ้าหน้าที่แนะนำให้ประชาชนกำจัดแหล่งน้ำขังรอบบ้าน เพื่อลดการแพร่พันธุ์ของยุงลาย",
            "โรงพยาบาลหลายแห่งเปิดคลินิกพิเศษเพื่อรองรับผู้ป่วยที่เพิ่มขึ้น",
            "ผู้ปกครองควรพาบุตรหลานไปพบแพทย์ทันทีหากมีไข้สูงติดต่อกันหลายวัน",
        ]),
        ("รถไฟสายใหม่เชื่อมกรุงเทพฯ-โคราช เปิดให้บริการ", [
            "การรถไฟแห่งประเทศไทยเปิดให้บริการรถไฟสายใหม่ที่เชื่อมต่อระหว่างกรุงเทพฯ กับจังหวัดนครราชสีมา",
            "ผู้โดยสารหลายคนระบุว่าการเดินทางสะดวกขึ้นมาก และใช้เวลาน้อยกว่าการเดินทางด้วยรถยนต์",
            "ในช่วงเดือนแรกจะมีขบวนรถให้บริการวันละแปดเที่ยว",
            "ผู้บริหารการรถไฟกล่าวว่าจะเพิ่มจำนวนเที่ยวหากมีผู้โดยสารมากขึ้น",
        ]),
    ],
    "id": [
        ("Pemprov DKI Perbaiki 40 Kilometer Jalan Sebelum Musim Hujan", [
            "Pemerintah Provinsi DKI Jakarta akan memperbaiki lebih dari 40 kilometer jalan rusak sebelum musim hujan tiba.",
            "Menurut kepala dinas bina marga, sebagian besar anggaran akan digunakan untuk memperbaiki saluran air dan trotoar.",
            "Warga diminta bersabar karena sejumlah ruas jalan akan ditutup sementara selama pengerjaan.",
            "Pengerjaan ditargetkan rampung pada akhir tahun ini.",
        ]),
        ("BMKG Peringatkan Hujan Lebat di Jawa Barat", [
            "Badan Meteorologi memperkirakan hujan lebat akan mengguyur sebagian besar wilayah Jawa Barat pekan ini.",
            "Warga yang tinggal di bantaran sungai diminta tetap waspada terhadap kemungkinan banjir.",
            "Pemerintah daerah telah menyiapkan pompa air dan tenda pengungsian di beberapa kecamatan.",
            "Petani di sejumlah desa memilih memanen padi lebih awal untuk menghindari kerugian.",
        ]),
        ("Bank Indonesia Pertahankan Suku Bunga Acuan", [
            "Bank Indonesia memutuskan untuk mempertahankan suku bunga acuan di tengah ketidakpastian ekonomi global.",
            "Para ekonom menilai inflasi yang terkendali memberi ruang bagi bank sentral untuk menunggu.",
            "Nilai tukar rupiah bergerak stabil setelah pengumuman tersebut.",
            "Dewan gubernur akan kembali meninjau kebijakan pada rapat bulan depan.",
        ]),
        ("Kasus Demam Berdarah Meningkat di Sejumlah Daerah", [
            "Kementerian Kesehatan mencatat kenaikan kasus demam berdarah di sejumlah daerah dalam dua bulan terakhir.",
            "Petugas mengimbau masyarakat untuk menguras bak mandi dan menutup tempat penampungan air.",
            "Beberapa rumah sakit daerah menambah tempat tidur untuk merawat pasien.",
            "Orang tua diminta segera membawa anak ke puskesmas bila demam tinggi tidak kunjung turun.",
        ]),
        ("Timnas Siap Hadapi Vietnam di Semifinal", [
            "Tim nasional Indonesia akan menghadapi Vietnam di semifinal yang digelar di Stadion Utama Gelora Bung Karno.",
            "Pelatih kepala mengatakan seluruh pemain dalam kondisi baik dan siap bertanding.",
            "Tiket pertandingan dilaporkan habis terjual dalam waktu kurang dari sehari.",
            "Pertandingan akan disiarkan langsung oleh televisi nasional.",
        ]),
    ],
    "vi": [
        ("Hà Nội sửa chữa hơn 40 km đường trước mùa mưa", [
            "Thành phố Hà Nội sẽ sửa chữa hơn 40 km đường bị hư hỏng trước mùa mưa năm nay.",
            "Theo Sở Giao thông Vận tải, phần lớn kinh phí sẽ được dùng để cải tạo hệ thống thoát nước.",
            "Người dân được khuyến cáo chủ động lựa chọn lộ trình khác trong thời gian thi công.",
            "Công trình dự kiến hoàn thành vào cuối năm.",
        ]),
        ("Mưa lớn kéo dài ở các tỉnh miền Trung", [
            "Trung tâm Dự báo khí tượng cho biết mưa lớn sẽ tiếp tục kéo dài ở các tỉnh miền Trung trong tuần này.",
            "Người dân sống ven sông được khuyến cáo theo dõi sát thông tin cảnh báo lũ.",
            "Chính quyền địa phương đã chuẩn bị thuyền và lương thực để hỗ trợ người dân vùng trũng.",
            "Nhiều nông dân đã thu hoạch lúa sớm để tránh thiệt hại.",
        ]),
        ("Ngân hàng Nhà nước giữ nguyên lãi suất điều hành", [
            "Ngân hàng Nhà nước quyết định giữ nguyên lãi suất điều hành trong bối cảnh kinh tế thế giới còn nhiều bất ổn.",
            "Các chuyên gia kinh tế nhận định lạm phát được kiểm soát tốt trong những tháng đầu năm.",
            "Tỷ giá ngoại tệ nhìn chung ổn định sau thông báo này.",
            "Cơ quan quản lý sẽ tiếp tục theo dõi diễn biến thị trường trong quý tới.",
        ]),
        ("Số ca sốt xuất huyết tăng mạnh", [
            "Bộ Y tế ghi nhận số ca mắc sốt xuất huyết tăng mạnh ở nhiều địa phương.",
            "Cơ quan y tế khuyến cáo người dân diệt lăng quăng và dọn dẹp các vật dụng chứa nước quanh nhà.",
            "Một số bệnh viện đã bố trí thêm giường bệnh để tiếp nhận bệnh nhân.",
            "Phụ huynh cần đưa trẻ đi khám ngay khi trẻ sốt cao liên tục.",
        ]),
        ("Đội tuyển Việt Nam sẵn sàng cho trận bán kết", [
            "Đội tuyển Việt Nam sẽ gặp Thái Lan ở trận bán kết trên sân vận động Mỹ Đình.",
            "Huấn luyện viên trưởng cho biết toàn đội đã sẵn sàng và quyết tâm giành chiến thắng.",
            "Vé xem trận đấu đã được bán hết chỉ sau vài giờ mở bán.",
            "Trận đấu sẽ được truyền hình trực tiếp trên sóng truyền hình quốc gia.",
        ]),
    ],
    "ru": [
        ("Власти отремонтируют более 40 километров дорог", [
            "Власти города до конца года отремонтируют более 40 километров дорог, сообщили в мэрии.",
            "По словам представителя департамента транспорта, большая часть средств пойдёт на ремонт ливнёвой канализации.",
            "На время работ на некоторых улицах будет ограничено движение.",
            "Работы планируется завершить к концу осени.",
        ]),
        ("Синоптики предупредили о сильных дождях", [
            "Синоптики прогнозируют сильные дожди в центральных регионах страны до конца недели.",
            "Жителей прибрежных районов призвали следить за предупреждениями экстренных служб.",
            "Местные власти подготовили насосы и пункты временного размещения.",
            "Фермеры в ряде районов начали уборку урожая раньше срока.",
        ]),
        ("Центробанк сохранил ключевую ставку", [
            "Центральный банк сохранил ключевую ставку на прежнем уровне, отметив замедление инфляции.",
            "Аналитики ожидают, что снижение ставки возможно не раньше следующего квартала.",
            "Курс рубля после решения регулятора почти не изменился.",
            "Следующее заседание совета директоров пройдёт через шесть недель.",
        ]),
        ("В регионах растёт заболеваемость гриппом", [
            "Министерство здравоохранения сообщило о росте заболеваемости гриппом в нескольких регионах.",
            "Врачи рекомендуют вакцинироваться и чаще проветривать помещения.",
            "В ряде школ введён карантин до конца месяца.",
            "Поликлиники продлили часы приёма пациентов.",
        ]),
        ("Сборная сыграет в полуфинале турнира", [
            "Сборная по хоккею встретится с командой Финляндии в полуфинале турнира.",
            "Главный тренер заявил, что все игроки здоровы и готовы к матчу.",
            "Билеты на игру были распроданы за несколько часов.",
            "Матч покажут в прямом эфире на федеральном канале.",
        ]),
    ],
}


def host_page(rng: random.Random, language: str, number: int, markup: bool) -> dict:
    """One honest page in ``language`` as a RawArticle dict (with a ``language`` key for the generator)."""
    stories = rng.sample(STORIES[language], 2 if rng.random() < 0.4 else 1)
    title = stories[0][0]
    paragraphs = []
    for headline, sentences in stories:
        if paragraphs:
            paragraphs.append(headline)
        body = sentences[:1] + rng.sample(sentences[1:], len(sentences) - 1)  # the lead sentence stays first
        while body:
            take = rng.choice([1, 2, 2])
            paragraphs.append(" ".join(body[:take]))  # (Thai, too, puts a space between sentences)
            body = body[take:]
    url = rng.choice(SITES[language]).format(n=10_000 + number)
    content = as_html(title, NAV[language], paragraphs, FOOTER[language], language) if markup else as_text(title, NAV[language], paragraphs, FOOTER[language])
    return {
        "id": f"host-{language}-{number}-{'html' if markup else 'text'}",
        "url": url,
        "content": content,
        "content_type": "text/html" if markup else "text/plain",
        "language": language,
    }


def host_pages(seed: int, per_language: int = 12) -> tuple[list[dict], list[dict]]:
    """(text pages, HTML pages): ``per_language`` of each for every language of HOST_LANGUAGES."""
    rng = random.Random(seed)
    text, html = [], []
    for language in HOST_LANGUAGES:
        for number in range(per_language):
            text.append(host_page(rng, language, number, markup=False))
            html.append(host_page(rng, language, number, markup=True))
    return text, html
