// Labels of the page in Indonesian and English. Party names come from the
// API (name_id, name_en); everything else a reader sees is here.

export const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT',
  'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

// quadOf mirrors event.Quad: 1 verbal cooperation … 4 material conflict.
export function quadOf(type) {
  const i = TYPES.indexOf(type);
  if (i < 0) return 0;
  if (i < 4) return 1;
  if (i < 7) return 2;
  if (i < 11) return 3;
  return 4;
}

export const CONTEXTS = ['military', 'intelligence', 'executive', 'legislative', 'election',
  'political_institutions', 'pro_democracy', 'pro_autocracy', 'economic', 'legal', 'reparations',
  'human_rights', 'rights_freedoms', 'repression', 'human_security', 'gender', 'lgbt',
  'religion_ethnicity', 'inequality', 'diplomatic', 'territory', 'peacekeeping', 'health', 'asylum',
  'migration', 'disasters', 'natural_resource', 'environment', 'technology', 'terrorism', 'cbrn',
  'cyber', 'misinformation', 'crime', 'corruption', 'illegal_drugs', 'trafficking'];

const dict = {
  id: {
    'tagline': 'hubungan antarnegara dari berita',
    'tab.network': 'Jaringan', 'tab.map': 'Peta', 'tab.events': 'Peristiwa', 'tab.paste': 'Tempel halaman', 'tab.shifts': 'Pergeseran',
    'review.start': 'Tinjau', 'review.onAs': 'Meninjau sebagai {n}', 'review.wrong': 'salah', 'review.correct': 'koreksi',
    'review.wrongHint': 'Tandai peristiwa ini salah: keluar dari catatan (bisa dibatalkan)', 'review.correctHint': 'Koreksi jenis, pihak, arah atau tanggal',
    'review.correctedBy': 'dikoreksi {n}', 'review.addedBy': 'ditambahkan {n}', 'review.addTitle': 'Tambah peristiwa yang terlewat',
    'review.correctTitle': 'Koreksi peristiwa', 'review.mode': 'Mode', 'review.note': 'Catatan (alasan)', 'review.save': 'Simpan',
    'review.cancel': 'Batal', 'review.loginTitle': 'Tinjau catatan', 'review.loginHint': 'Koreksi memerlukan token server (mitra demo mencetaknya). Nama Anda disimpan bersama tiap koreksi.',
    'review.name': 'Nama', 'review.token': 'Token', 'review.signIn': 'Mulai meninjau',
    'review.addFromSelection': 'Tambah peristiwa dari teks terpilih', 'review.confirmPage': 'Semua peristiwa halaman ini sudah diperiksa',
    'review.addHint': 'pilih kalimat bukti di teks di bawah', 'review.history': 'Koreksi halaman ini', 'review.undo': 'batalkan',
    'review.undone': 'dibatalkan oleh #{n}', 'review.selectFirst': 'Pilih dulu kalimat bukti di teks halaman.',
    'review.act.wrong': 'Salah', 'review.act.correct': 'Dikoreksi', 'review.act.add': 'Ditambah', 'review.act.confirm': 'Diperiksa', 'review.act.undo': 'Pembatalan',
    'keep.undated': 'Peristiwa tanpa tanggal', 'keep.conf': 'keyakinan ≥',
    'undated.pub': 'pada tanggal terbit', 'undated.date': 'tidak dihitung', 'undated.ingest': 'pada tanggal terbit atau unggah', 'undated.any': 'selalu disertakan',
    'left.note': '{n} peristiwa tidak dihitung:', 'left.undated': '{n} tanpa tanggal', 'left.outside': '{n} di luar periode',
    'left.low': '{n} di bawah ambang keyakinan', 'left.include': 'sertakan', 'left.allTime': 'semua waktu',
    'left.placed': '{n} tanpa tanggal sendiri ditempatkan pada tanggal terbit halamannya', 'left.placedIngest': '{n} tanpa tanggal sendiri ditempatkan pada tanggal terbit atau unggah halamannya',
    'shifts.focus': 'Hubungan', 'shifts.title': 'Pergeseran hubungan',
    'shifts.method': 'Titik perubahan pada jumlah tindakan per bulan (klaster, bukan berita) dengan tiap mitra, kerja sama dan konflik terpisah; uji Monte Carlo eksak. Penarikan yang dipaksa pihak lain dihitung sebagai konflik.',
    'shifts.span': '{span}, {n} mitra', 'shifts.empty': 'Tidak ada tindakan bertanggal.', 'shifts.leftOut': 'tidak dihitung',
    'shifts.undated': '{n} tanpa tanggal', 'shifts.yearOnly': '{n} hanya bertahun', 'shifts.outside': '{n} di luar periode',
    'shifts.others': 'lainnya', 'shifts.none': 'tidak ada tindakan', 'shifts.coopShare': 'Pangsa kerja sama per mitra',
    'shifts.conflictShare': 'Pangsa konflik per mitra', 'shifts.noShift': 'Tidak ada pergeseran yang cukup jelas.',
    'shifts.events': 'peristiwa pendorong ({n})', 'shifts.before': 'Sebelum ({from} – {to})', 'shifts.after': 'Sesudah ({from} – {to})',
    'shifts.rates': 'kerja sama {c} · konflik {k} per bulan', 'shifts.confidence': 'keyakinan {c}',
    'shifts.forced': 'penarikan terpaksa', 'shifts.forcedHint': 'dihitung sebagai konflik: pihak lain lebih dulu memutus atau menuntut',
    'kind.rapprochement': 'pendekatan', 'kind.rupture': 'keretakan', 'kind.intensifying': 'makin intens', 'kind.fading': 'memudar', 'kind.easing': 'mereda',
    'period.from': 'dari', 'period.to': 'sampai', 'period.all': 'Semua waktu',
    'legend.conflict': 'konflik', 'legend.coop': 'kerja sama',
    'legend.width': 'tebal garis = jumlah peristiwa',
    'net.hint': 'Klik garis untuk membuka linimasa pasangan negara; klik negara untuk menyorot mitranya.',
    'net.some': '{shown} garis terkuat dari {total}', 'net.all': 'semua {total} garis',
    'net.showAll': 'tampilkan semua', 'net.showFewer': 'hanya {n} terkuat',
    'net.empty': 'Tidak ada peristiwa pada periode ini.',
    'map.focus': 'Hubungan dengan', 'map.note': 'klik negara untuk linimasa',
    'map.orgs': 'Organisasi', 'map.nomap': 'tidak ada di peta',
    'map.noevents': 'tanpa peristiwa', 'map.orgsNone': 'tidak ada peristiwa dengan organisasi pada periode ini',
    'about.title': 'Apa arti skor dan warnanya?',
    'about.text': 'Skor kerja sama–konflik adalah rata-rata skor PLOVER dari tindakan antara dua pihak pada periode yang dipilih: dari −10 (konflik material terberat, misalnya serangan) sampai +10 (kerja sama material terkuat, misalnya bantuan atau kesepakatan). Tiap tindakan dihitung sekali, berapa pun jumlah berita yang melaporkannya. Warna garis, batang dan negara mengikuti skor ini (merah konflik, cokelat pasir sekitar 0, biru kerja sama); tebal garis menunjukkan jumlah tindakan. Skor dekat 0 berarti tindakan yang saling mengimbangi atau netral — bukan tanpa peristiwa (abu-abu muda di peta).',
    'dl': 'Unduh', 'dl.png': 'PNG', 'dl.svg': 'SVG', 'dl.gexf': 'GEXF (Gephi)', 'dl.csv': 'CSV', 'dl.jsonl': 'JSONL',
    'dl.net.title': 'Unduh jaringan periode ini', 'dl.chart.title': 'Unduh grafik',
    'cite': 'Kutip', 'cite.title': 'Kutipan peristiwa ini', 'cite.copy': 'Salin', 'cite.copied': 'disalin', 'cite.download': 'Unduh .txt',
    'cite.event': 'Peristiwa', 'cite.evidence': 'Bukti', 'cite.accessed': 'diakses', 'cite.via': 'dikodekan oleh mitra',
    'acts.summary': '{shown} dari {total} tindakan', 'acts.more': ' (ada lagi)', 'acts.reports': '{n} laporan', 'acts.report1': '1 laporan',
    'acts.period': 'Periode: {from} – {to} (ubah di atas)', 'acts.allTime': 'Periode: semua waktu',
    'acts.none': 'Tidak ada tindakan yang cocok pada periode ini.',
    'col.reports': 'Laporan',
    'err.bad_request': 'permintaan tidak dapat diproses; periksa isian', 'err.not_found': 'tidak ditemukan',
    'err.too_large': 'isian terlalu besar', 'err.timeout': 'server terlalu lama menjawab', 'err.unavailable': 'server tidak tersedia',
    'err.unauthorized': 'perlu token', 'err.forbidden': 'tidak diizinkan', 'err.network': 'server tidak dapat dihubungi',
    'err.bad_response': 'jawaban server tidak terbaca', 'err.internal': 'galat di server',
    'side.pairs': 'Pasangan teratas', 'side.relations': 'Mitra {p}', 'side.none': 'Belum ada pasangan.',
    'pair.back': '← semua pasangan', 'pair.month': 'per bulan', 'pair.week': 'per minggu',
    'pair.events': 'Peristiwa pada periode ini', 'pair.summary': '{n} peristiwa · skor rata-rata {s}',
    'pair.none': 'Tidak ada peristiwa pasangan ini pada periode ini.',
    'more': 'Muat lagi',
    'q1': 'Kerja sama verbal', 'q2': 'Kerja sama material', 'q3': 'Konflik verbal', 'q4': 'Konflik material',
    'score': 'Skor kerja sama–konflik', 'events': 'peristiwa', 'pages': 'halaman',
    'reads': 'membaca {l}', 'paste.skippedLang': 'Halaman berbahasa {l} belum dapat dibaca: tidak ada paket bahasa untuknya.',
    'f.party': 'Pihak', 'f.pair': 'Pasangan', 'f.type': 'Jenis', 'f.quad': 'Kelompok', 'f.context': 'Konteks',
    'f.q': 'Cari dalam kalimat', 'f.apply': 'Terapkan', 'f.clear': 'Hapus', 'f.any': 'semua',
    'col.date': 'Tanggal', 'col.type': 'Jenis', 'col.actors': 'Pelaku', 'col.recipients': 'Sasaran',
    'col.evidence': 'Bukti', 'col.source': 'Sumber',
    'events.summary': '{n} peristiwa ditampilkan', 'events.more': ' (ada lagi)',
    'paste.label': 'Tempel teks atau HTML sebuah halaman berita; peristiwanya muncul di sini, tidak ada yang disimpan.',
    'paste.pubdate': 'Tanggal terbit', 'paste.all': 'termasuk yang dibantah, bersyarat, atau rencana',
    'paste.go': 'Ekstrak peristiwa', 'paste.busy': 'memproses…', 'paste.found': '{n} peristiwa ditemukan',
    'paste.none': 'Tidak ada peristiwa ditemukan.', 'paste.skipped': 'Halaman dilewati: {r}',
    'paste.empty': 'Tempel teks halaman dulu.',
    'doc.published': 'terbit', 'doc.evidence': 'Bukti disorot', 'doc.nospan': 'kalimat bukti tidak ditemukan dalam teks bersih',
    'date.pub': 'tanggal terbit', 'date.unknown': 'tanpa tanggal',
    'fact.asserted': 'dinyatakan', 'fact.negated': 'dibantah', 'fact.hypothetical': 'bersyarat', 'fact.future': 'rencana',
    'close': 'Tutup', 'error': 'Galat', 'ev.others': 'juga dilaporkan di {n} halaman lain:',
    'AGREE': 'Bersepakat', 'CONSULT': 'Berkonsultasi', 'SUPPORT': 'Mendukung', 'CONCEDE': 'Mengalah',
    'COOPERATE': 'Bekerja sama', 'AID': 'Membantu', 'RETREAT': 'Mundur', 'REQUEST': 'Meminta',
    'ACCUSE': 'Menuduh', 'REJECT': 'Menolak', 'THREATEN': 'Mengancam', 'PROTEST': 'Memprotes',
    'SANCTION': 'Menjatuhkan sanksi', 'MOBILIZE': 'Mengerahkan', 'COERCE': 'Memaksa', 'ASSAULT': 'Menyerang',
  },
  en: {
    'tagline': 'relations between states, from the news',
    'tab.network': 'Network', 'tab.map': 'Map', 'tab.events': 'Events', 'tab.paste': 'Paste a page', 'tab.shifts': 'Shifts',
    'review.start': 'Review', 'review.onAs': 'Reviewing as {n}', 'review.wrong': 'wrong', 'review.correct': 'correct',
    'review.wrongHint': 'Mark this event wrong: out of the record (can be undone)', 'review.correctHint': 'Correct its type, parties, direction or date',
    'review.correctedBy': 'corrected by {n}', 'review.addedBy': 'added by {n}', 'review.addTitle': 'Add a missed event',
    'review.correctTitle': 'Correct the event', 'review.mode': 'Mode', 'review.note': 'Note (why)', 'review.save': 'Save',
    'review.cancel': 'Cancel', 'review.loginTitle': 'Review the record', 'review.loginHint': 'Corrections need the server\'s token (mitra demo prints it). Your name is kept with each correction.',
    'review.name': 'Name', 'review.token': 'Token', 'review.signIn': 'Start reviewing',
    'review.addFromSelection': 'Add an event from the selected text', 'review.confirmPage': "All this page's events are checked",
    'review.addHint': 'select the evidence sentence in the text below', 'review.history': "This page's corrections", 'review.undo': 'undo',
    'review.undone': 'undone by #{n}', 'review.selectFirst': "Select the evidence sentence in the page's text first.",
    'review.act.wrong': 'Wrong', 'review.act.correct': 'Corrected', 'review.act.add': 'Added', 'review.act.confirm': 'Checked', 'review.act.undo': 'Undo',
    'keep.undated': 'Undated events', 'keep.conf': 'confidence ≥',
    'undated.pub': 'on publication date', 'undated.date': 'left out', 'undated.ingest': 'on publication or ingest date', 'undated.any': 'always included',
    'left.note': '{n} events left out:', 'left.undated': '{n} undated', 'left.outside': '{n} outside the period',
    'left.low': '{n} below the confidence threshold', 'left.include': 'include them', 'left.allTime': 'all time',
    'left.placed': "{n} with no date of their own placed on their page's publication date", 'left.placedIngest': "{n} with no date of their own placed on their page's publication or ingest date",
    'shifts.focus': 'Relations of', 'shifts.title': 'Relation shifts',
    'shifts.method': 'Change points in the monthly number of acts (clusters, not articles) with each partner, cooperation and conflict apart; exact Monte Carlo test. A withdrawal forced by the other side counts as conflict.',
    'shifts.span': '{span}, {n} partners', 'shifts.empty': 'No dated acts.', 'shifts.leftOut': 'left out',
    'shifts.undated': '{n} undated', 'shifts.yearOnly': '{n} dated only to the year', 'shifts.outside': '{n} outside the period',
    'shifts.others': 'others', 'shifts.none': 'no acts', 'shifts.coopShare': "Partners' share of cooperation",
    'shifts.conflictShare': "Partners' share of conflict", 'shifts.noShift': 'No shift clear enough.',
    'shifts.events': 'acts that drive it ({n})', 'shifts.before': 'Before ({from} – {to})', 'shifts.after': 'After ({from} – {to})',
    'shifts.rates': 'cooperation {c} · conflict {k} a month', 'shifts.confidence': 'confidence {c}',
    'shifts.forced': 'forced exit', 'shifts.forcedHint': 'counted as conflict: the other side first cut ties or demanded it',
    'kind.rapprochement': 'rapprochement', 'kind.rupture': 'rupture', 'kind.intensifying': 'intensifying', 'kind.fading': 'fading', 'kind.easing': 'easing',
    'period.from': 'from', 'period.to': 'to', 'period.all': 'All time',
    'legend.conflict': 'conflict', 'legend.coop': 'cooperation',
    'legend.width': 'line width = number of events',
    'net.hint': "Click an edge to open the pair's timeline; click a state to highlight its partners.",
    'net.some': 'the {shown} strongest of {total} links', 'net.all': 'all {total} links',
    'net.showAll': 'show all', 'net.showFewer': 'only the {n} strongest',
    'net.empty': 'No events in this period.',
    'map.focus': 'Relations with', 'map.note': 'click a country for the timeline',
    'map.orgs': 'Organisations', 'map.nomap': 'not on the map',
    'map.noevents': 'no events', 'map.orgsNone': 'no events with organisations in this period',
    'about.title': 'What do the score and colours mean?',
    'about.text': 'The cooperation–conflict score is the mean PLOVER score of the acts between two parties in the chosen period: from −10 (the gravest material conflict, such as an attack) to +10 (the strongest material cooperation, such as aid or an agreement). Each act counts once, however many articles reported it. The colours of lines, bars and countries follow this score (red conflict, sand around 0, blue cooperation); line width shows the number of acts. A score near 0 means acts that balance out or are neutral — not the absence of events (light grey on the map).',
    'dl': 'Download', 'dl.png': 'PNG', 'dl.svg': 'SVG', 'dl.gexf': 'GEXF (Gephi)', 'dl.csv': 'CSV', 'dl.jsonl': 'JSONL',
    'dl.net.title': "Download this period's network", 'dl.chart.title': 'Download the chart',
    'cite': 'Cite', 'cite.title': 'Citation of this event', 'cite.copy': 'Copy', 'cite.copied': 'copied', 'cite.download': 'Download .txt',
    'cite.event': 'Event', 'cite.evidence': 'Evidence', 'cite.accessed': 'accessed', 'cite.via': 'coded by mitra',
    'acts.summary': '{shown} of {total} acts', 'acts.more': ' (more available)', 'acts.reports': '{n} reports', 'acts.report1': '1 report',
    'acts.period': 'Period: {from} – {to} (change it above)', 'acts.allTime': 'Period: all time',
    'acts.none': 'No matching acts in this period.',
    'col.reports': 'Reports',
    'err.bad_request': 'the request could not be processed; check what you entered', 'err.not_found': 'not found',
    'err.too_large': 'too large', 'err.timeout': 'the server took too long', 'err.unavailable': 'the server is unavailable',
    'err.unauthorized': 'a token is needed', 'err.forbidden': 'not allowed', 'err.network': 'the server cannot be reached',
    'err.bad_response': "the server's answer could not be read", 'err.internal': 'an error in the server',
    'side.pairs': 'Top pairs', 'side.relations': "{p}'s partners", 'side.none': 'No pairs yet.',
    'pair.back': '← all pairs', 'pair.month': 'by month', 'pair.week': 'by week',
    'pair.events': 'Events in this period', 'pair.summary': '{n} events · mean score {s}',
    'pair.none': 'No events of this pair in this period.',
    'more': 'Load more',
    'q1': 'Verbal cooperation', 'q2': 'Material cooperation', 'q3': 'Verbal conflict', 'q4': 'Material conflict',
    'score': 'Cooperation–conflict score', 'events': 'events', 'pages': 'pages',
    'reads': 'reads {l}', 'paste.skippedLang': 'Pages in {l} are not read yet: no language pack reads them.',
    'f.party': 'Party', 'f.pair': 'Pair', 'f.type': 'Type', 'f.quad': 'Class', 'f.context': 'Context',
    'f.q': 'Search the sentences', 'f.apply': 'Apply', 'f.clear': 'Clear', 'f.any': 'any',
    'col.date': 'Date', 'col.type': 'Type', 'col.actors': 'Actors', 'col.recipients': 'Recipients',
    'col.evidence': 'Evidence', 'col.source': 'Source',
    'events.summary': '{n} events shown', 'events.more': ' (more available)',
    'paste.label': "Paste a news page's text or HTML; its events appear here, nothing is stored.",
    'paste.pubdate': 'Publication date', 'paste.all': 'include negated, conditional and planned acts',
    'paste.go': 'Extract events', 'paste.busy': 'working…', 'paste.found': '{n} events found',
    'paste.none': 'No events found.', 'paste.skipped': 'Page skipped: {r}',
    'paste.empty': "Paste a page's text first.",
    'doc.published': 'published', 'doc.evidence': 'Evidence highlighted', 'doc.nospan': 'evidence sentence not found in the clean text',
    'date.pub': 'publication date', 'date.unknown': 'undated',
    'fact.asserted': 'asserted', 'fact.negated': 'negated', 'fact.hypothetical': 'conditional', 'fact.future': 'planned',
    'close': 'Close', 'error': 'Error', 'ev.others': 'also reported on {n} other page(s):',
    'AGREE': 'Agree', 'CONSULT': 'Consult', 'SUPPORT': 'Support', 'CONCEDE': 'Concede',
    'COOPERATE': 'Cooperate', 'AID': 'Aid', 'RETREAT': 'Retreat', 'REQUEST': 'Request',
    'ACCUSE': 'Accuse', 'REJECT': 'Reject', 'THREATEN': 'Threaten', 'PROTEST': 'Protest',
    'SANCTION': 'Sanction', 'MOBILIZE': 'Mobilize', 'COERCE': 'Coerce', 'ASSAULT': 'Assault',
  },
};

let current = 'id';

// langName names a language (an ISO 639-1 code) in the interface's
// language, with the browser's own names; the code when it has none.
export function langName(code) {
  try {
    return new Intl.DisplayNames([current], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

export function setLang(l) { current = dict[l] ? l : 'en'; }
export function lang() { return current; }

// t returns the label for key in the current language, filling {name}
// placeholders from vars.
export function t(key, vars) {
  let s = dict[current][key] ?? dict.en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

// apply fills every element marked data-i18n (text) or data-i18n-title.
export function apply(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute('aria-label', el.title);
  }
}
