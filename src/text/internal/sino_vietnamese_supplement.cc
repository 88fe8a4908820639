// Sino-Vietnamese (Hán-Việt) readings that Unihan's kVietnamese lacks or lists after a Nôm reading.
//
// kVietnamese mostly records Nôm usage: 北 and 寧 have no entry, 宁 reads "trữ" (its pre-1956
// sense), 東 lists "hốc" before "đông". Names of places and organisations need the Hán-Việt
// reading first (南宁 -> Nam Ninh, 北海 -> Bắc Hải), so this table comes before Unihan. It is
// limited to characters common in place names, organisation names and this domain's vocabulary;
// readings are the standard Hán-Việt ones (as in Thiều Chửu's Hán Việt tự điển). Simplified and
// traditional forms are listed separately when they differ.
#include "text/internal/unihan.h"

namespace hoptac::text::internal {

const UnihanReading kSinoVietnameseSupplement[] = {
    // Places in China, Vietnam and ASEAN.
    {U'北', "bắc"}, {U'宁', "ninh"}, {U'寧', "ninh"}, {U'东', "đông"}, {U'東', "đông"},
    {U'圳', "quyến"}, {U'津', "tân"}, {U'浙', "chiết"}, {U'徽', "huy"}, {U'辽', "liêu"},
    {U'遼', "liêu"}, {U'陕', "thiểm"}, {U'陝', "thiểm"}, {U'肃', "túc"}, {U'肅', "túc"},
    {U'疆', "cương"}, {U'藏', "tạng"}, {U'澳', "áo"}, {U'湾', "loan"}, {U'灣', "loan"},
    {U'臺', "đài"}, {U'祥', "tường"}, {U'梧', "ngô"}, {U'挝', "qua"}, {U'撾', "qua"},
    {U'柬', "giản"}, {U'埔', "phố"}, {U'亚', "á"}, {U'亞', "á"}, {U'菲', "phi"},
    {U'缅', "miến"}, {U'緬', "miến"}, {U'甸', "điện"}, {U'街', "nhai"}, {U'胡', "hồ"},
    {U'岘', "hiện"}, {U'峴', "hiện"}, {U'苴', "thư"}, {U'奠', "điện"}, {U'百', "bách"},
    {U'水', "thủy"}, {U'洪', "hồng"}, {U'兰', "lan"}, {U'蘭', "lan"}, {U'刘', "lưu"},
    {U'劉', "lưu"}, {U'赵', "triệu"}, {U'趙', "triệu"}, {U'黄', "hoàng"}, {U'黃', "hoàng"},
    // Organisations, technology and the sectors the centre works with.
    {U'校', "hiệu"}, {U'计', "kế"}, {U'計', "kế"}, {U'别', "biệt"}, {U'別', "biệt"},
    {U'检', "kiểm"}, {U'檢', "kiểm"}, {U'据', "cứ"}, {U'據', "cứ"}, {U'源', "nguyên"},
    {U'硬', "ngạnh"}, {U'融', "dung"}, {U'贸', "mậu"}, {U'貿', "mậu"}, {U'游', "du"},
    {U'殖', "thực"}, {U'虾', "hà"}, {U'蝦', "hà"}, {U'稻', "đạo"}, {U'环', "hoàn"},
    {U'環', "hoàn"}, {U'电', "điện"}, {U'電', "điện"}, {U'汽', "khí"}, {U'仓', "thương"},
    {U'倉', "thương"}, {U'储', "trữ"}, {U'儲', "trữ"}, {U'慧', "tuệ"}, {U'翻', "phiên"},
    {U'识', "thức"}, {U'識', "thức"}, {U'驶', "sử"}, {U'駛', "sử"}, {U'芯', "tâm"},
    {U'盟', "minh"}, {U'际', "tế"}, {U'際', "tế"}, {U'资', "tư"}, {U'資', "tư"},
    {U'办', "biện"}, {U'辦', "biện"}, {U'党', "đảng"}, {U'黨', "đảng"}, {U'面', "diện"},
    {U'题', "đề"}, {U'題', "đề"}, {U'需', "nhu"}, {U'量', "lượng"}, {U'型', "hình"},
    {U'改', "cải"}, {U'直', "trực"}, {U'者', "giả"}, {U'优', "ưu"}, {U'優', "ưu"},
    {U'值', "trị"}, {U'产', "sản"}, {U'產', "sản"}, {U'维', "duy"}, {U'維', "duy"},
    {U'码', "mã"}, {U'碼', "mã"}, {U'键', "kiện"}, {U'鍵', "kiện"}, {U'辑', "tập"},
    {U'輯', "tập"}, {U'营', "doanh"}, {U'營', "doanh"}, {U'济', "tế"}, {U'濟', "tế"},
    {U'复', "phục"}, {U'復', "phục"}, {U'构', "cấu"}, {U'構', "cấu"}, {U'率', "suất"},
    {U'为', "vi"}, {U'為', "vi"}, {U'电', "điện"}, {U'讯', "tấn"}, {U'訊', "tấn"},
    {U'说', "thuyết"}, {U'說', "thuyết"}, {U'问', "vấn"}, {U'問', "vấn"},
    // Unihan lists a Nôm reading first for these.
    {U'研', "nghiên"}, {U'所', "sở"}, {U'任', "nhiệm"}, {U'乡', "hương"}, {U'鄉', "hương"},
    {U'岸', "ngạn"}, {U'森', "sâm"}, {U'雨', "vũ"}, {U'夏', "hạ"}, {U'厅', "sảnh"},
    {U'廳', "sảnh"}, {U'牧', "mục"}, {U'畜', "súc"}, {U'设', "thiết"}, {U'設', "thiết"},
    {U'络', "lạc"}, {U'絡', "lạc"}, {U'子', "tử"}, {U'标', "tiêu"}, {U'標', "tiêu"},
    {U'沙', "sa"}, {U'行', "hành"},
};

const size_t kSinoVietnameseSupplementSize =
    sizeof(kSinoVietnameseSupplement) / sizeof(kSinoVietnameseSupplement[0]);

}  // namespace hoptac::text::internal
