#include "profiles.h"

namespace hoptac::bench {

namespace {
constexpr Profile kProfiles[] = {
    {"vi", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn cần giải pháp dự báo lũ bằng trí tuệ "
           "nhân tạo cho các huyện miền núi, kết hợp dữ liệu vệ tinh và trạm đo mưa tự động."},
    {"vi", "Hợp tác xã nuôi tôm ở Cà Mau tìm đối tác cung cấp hệ thống giám sát chất lượng nước và camera "
           "thị giác máy tính để phát hiện bệnh sớm trên tôm thẻ chân trắng."},
    {"vi", "Bệnh viện đa khoa tỉnh Cao Bằng muốn triển khai phần mềm hỗ trợ chẩn đoán hình ảnh y tế, đào "
           "tạo bác sĩ sử dụng AI và kết nối với các bệnh viện tại Quảng Tây."},
    {"vi", "Cần máy bay không người lái phun thuốc bảo vệ thực vật cho vùng trồng hồi và quế, có dịch vụ "
           "bảo trì tại chỗ và đào tạo kỹ thuật viên."},
    {"zh-Hans", "南宁某人工智能企业提供无人机巡检、计算机视觉质检和智慧农业解决方案，已在广西多个县区落地，"
                "寻求与越南北部省份合作。"},
    {"zh-Hans", "我公司研发的对虾养殖水质监测系统结合物联网传感器与机器学习模型，可提前预警病害，降低养殖风险。"},
    {"zh-Hans", "提供中越双语机器翻译与语音识别服务，支持跨境电商、口岸通关和旅游场景，可私有化部署。"},
    {"zh-Hans", "洪水预报与防灾减灾平台，融合气象数据、水文站点和遥感影像，已服务于珠江流域多个城市。"},
    {"en", "A Nanning-based supplier of computer vision systems for quality inspection in manufacturing, "
           "offering on-site training and joint projects with Vietnamese universities."},
    {"en", "We provide drone mapping and crop-spraying drones for smallholder farms, with remote sensing "
           "analytics and a mobile app in Vietnamese and Chinese."},
    {"en", "Smart city platform combining traffic forecasting, video analytics and open data portals; "
           "looking for pilot cities in ASEAN member states."},
    {"en", "Research cooperation on natural language processing for low-resource languages, including "
           "speech recognition and machine translation between Vietnamese and Chinese."},
    {"fr", "L'université recherche des partenaires pour un programme de formation en intelligence "
           "artificielle destiné aux fonctionnaires vietnamiens, avec des sessions à Nanning et à Hanoï."},
    {"fr", "Solution de prévision des crues et d'alerte précoce fondée sur l'apprentissage automatique et "
           "des données satellitaires, déjà déployée dans le delta du Mékong."},
    {"fr", "Entreprise spécialisée dans l'élevage de crevettes cherche des capteurs connectés et des outils "
           "de vision par ordinateur pour le contrôle de la qualité de l'eau."},
    {"fr", "Plateforme de télémédecine et d'aide au diagnostic pour les hôpitaux provinciaux, avec "
           "traduction automatique des dossiers médicaux."},
};
}  // namespace

std::span<const Profile> Profiles() { return kProfiles; }

}  // namespace hoptac::bench
