// The CAMEO event codebook, written out by hand from the CAMEO 1.1b3 manual's
// code list and the standard Goldstein (1992) weights as used by GDELT 1.0.
// Left out on purpose: the five codes only the manual's chapter 6 lists (155,
// 176, 1834, 1951, 1952: cyber and drone additions), which GDELT never used
// and which have no standard Goldstein weight.
// codebook_test.cc checks it row by row against the shared reference table.
#include "dyad/codebook.h"

#include <algorithm>
#include <array>

namespace dyad {
namespace {

// GDELT's boundaries (1 = 01-05, 2 = 06-09, 3 = 10-14, 4 = 15-20): what every
// GDELT 1.0/2.0 event row carries, so dyad's GDELT-style output agrees with
// existing GDELT data. The ICEWS-style split is available on request.
constexpr QuadClass QuadOf(std::string_view code,
                           QuadClassConvention convention = QuadClassConvention::kGdelt) {
  const int root = (code[0] - '0') * 10 + (code[1] - '0');
  const bool gdelt = convention == QuadClassConvention::kGdelt;
  if (root <= 5) return QuadClass::kVerbalCooperation;
  if (root <= (gdelt ? 9 : 8)) return QuadClass::kMaterialCooperation;
  if (root <= (gdelt ? 14 : 13)) return QuadClass::kVerbalConflict;
  return QuadClass::kMaterialConflict;
}

constexpr CameoEventCode E(std::string_view code, std::string_view name, double goldstein) {
  return CameoEventCode{code, name, goldstein, QuadOf(code)};
}

// Keep in code order: FindCameoEventCode binary-searches this array and the
// test checks the order.
constexpr auto kCodes = std::to_array<CameoEventCode>({
    // 01 Make public statement
    E("01", "MAKE PUBLIC STATEMENT", 0.0),
    E("010", "Make statement, not specified below", 0.0),
    E("011", "Decline comment", -0.1),
    E("012", "Make pessimistic comment", -0.4),
    E("013", "Make optimistic comment", 0.4),
    E("014", "Consider policy option", 0.0),
    E("015", "Acknowledge or claim responsibility", 0.0),
    E("016", "Deny responsibility", -2.0),
    E("017", "Engage in symbolic act", 0.0),
    E("018", "Make empathetic comment", 3.4),
    E("019", "Express accord", 3.4),
    // 02 Appeal
    E("02", "APPEAL", 3.0),
    E("020", "Make an appeal or request, not specified below", 3.0),
    E("021", "Appeal for material cooperation, not specified below", 3.4),
    E("0211", "Appeal for economic cooperation", 3.4),
    E("0212", "Appeal for military cooperation", 3.4),
    E("0213", "Appeal for judicial cooperation", 3.4),
    E("0214", "Appeal for intelligence", 3.4),
    E("022", "Appeal for diplomatic cooperation (such as policy support)", 3.2),
    E("023", "Appeal for aid, not specified below", 3.4),
    E("0231", "Appeal for economic aid", 3.4),
    E("0232", "Appeal for military aid", 3.4),
    E("0233", "Appeal for humanitarian aid", 3.4),
    E("0234", "Appeal for military protection or peacekeeping", 3.4),
    E("024", "Appeal for political reform, not specified below", -0.3),
    E("0241", "Appeal for change in leadership", -0.3),
    E("0242", "Appeal for policy change", -0.3),
    E("0243", "Appeal for rights", -0.3),
    E("0244", "Appeal for change in institutions, regime", -0.3),
    E("025", "Appeal to yield, not specified below", -0.3),
    E("0251", "Appeal for easing of administrative sanctions", -0.3),
    E("0252", "Appeal for easing of popular dissent", -0.3),
    E("0253", "Appeal for release of persons or property", -0.3),
    E("0254", "Appeal for easing of economic sanctions, boycott, or embargo", -0.3),
    E("0255", "Appeal for target to allow international involvement (non-mediation)", -0.3),
    E("0256", "Appeal for de-escalation of military engagement", -0.3),
    E("026", "Appeal to others to meet or negotiate", 4.0),
    E("027", "Appeal to others to settle dispute", 4.0),
    E("028", "Appeal to others to engage in or accept mediation", 4.0),
    // 03 Express intent to cooperate
    E("03", "EXPRESS INTENT TO COOPERATE", 4.0),
    E("030", "Express intent to cooperate, not specified below", 4.0),
    E("031", "Express intent to engage in material cooperation, not specified below", 5.2),
    E("0311", "Express intent to cooperate economically", 5.2),
    E("0312", "Express intent to cooperate militarily", 5.2),
    E("0313", "Express intent to cooperate on judicial matters", 5.2),
    E("0314", "Express intent to cooperate on intelligence", 5.2),
    E("032", "Express intent to provide diplomatic cooperation (such as policy support)", 4.5),
    E("033", "Express intent to provide material aid, not specified below", 5.2),
    E("0331", "Express intent to provide economic aid", 5.2),
    E("0332", "Express intent to provide military aid", 5.2),
    E("0333", "Express intent to provide humanitarian aid", 5.2),
    E("0334", "Express intent to provide military protection or peacekeeping", 6.0),
    E("034", "Express intent to institute political reform, not specified below", 7.0),
    E("0341", "Express intent to change leadership", 7.0),
    E("0342", "Express intent to change policy", 7.0),
    E("0343", "Express intent to provide rights", 7.0),
    E("0344", "Express intent to change institutions, regime", 7.0),
    E("035", "Express intent to yield, not specified below", 7.0),
    E("0351", "Express intent to ease administrative sanctions", 7.0),
    E("0352", "Express intent to ease popular dissent", 7.0),
    E("0353", "Express intent to release persons or property", 7.0),
    E("0354", "Express intent to ease economic sanctions, boycott, or embargo", 7.0),
    E("0355", "Express intent to allow international involvement (not mediation)", 7.0),
    E("0356", "Express intent to de-escalate military engagement", 7.0),
    E("036", "Express intent to meet or negotiate", 4.0),
    E("037", "Express intent to settle dispute", 5.0),
    E("038", "Express intent to accept mediation", 7.0),
    E("039", "Express intent to mediate", 5.0),
    // 04 Consult
    E("04", "CONSULT", 1.0),
    E("040", "Consult, not specified below", 1.0),
    E("041", "Discuss by telephone", 1.0),
    E("042", "Make a visit", 1.9),
    E("043", "Host a visit", 2.8),
    E("044", "Meet at a third location", 2.5),
    E("045", "Mediate", 5.0),
    E("046", "Engage in negotiation", 7.0),
    // 05 Engage in diplomatic cooperation
    E("05", "ENGAGE IN DIPLOMATIC COOPERATION", 3.5),
    E("050", "Engage in diplomatic cooperation, not specified below", 3.5),
    E("051", "Praise or endorse", 3.4),
    E("052", "Defend verbally", 3.5),
    E("053", "Rally support on behalf of", 3.8),
    E("054", "Grant diplomatic recognition", 6.0),
    E("055", "Apologize", 7.0),
    E("056", "Forgive", 7.0),
    E("057", "Sign formal agreement", 8.0),
    // 06 Engage in material cooperation
    E("06", "ENGAGE IN MATERIAL COOPERATION", 6.0),
    E("060", "Engage in material cooperation, not specified below", 6.0),
    E("061", "Cooperate economically", 6.4),
    E("062", "Cooperate militarily", 7.4),
    E("063", "Engage in judicial cooperation", 7.4),
    E("064", "Share intelligence or information", 7.0),
    // 07 Provide aid
    E("07", "PROVIDE AID", 7.0),
    E("070", "Provide aid, not specified below", 7.0),
    E("071", "Provide economic aid", 7.4),
    E("072", "Provide military aid", 8.3),
    E("073", "Provide humanitarian aid", 7.4),
    E("074", "Provide military protection or peacekeeping", 8.5),
    E("075", "Grant asylum", 7.0),
    // 08 Yield
    E("08", "YIELD", 5.0),
    E("080", "Yield, not specified below", 5.0),
    E("081", "Ease administrative sanctions, not specified below", 5.0),
    E("0811", "Ease restrictions on political freedoms", 5.0),
    E("0812", "Ease ban on political parties or politicians", 5.0),
    E("0813", "Ease curfew", 5.0),
    E("0814", "Ease state of emergency or martial law", 5.0),
    E("082", "Ease political dissent", 5.0),
    E("083", "Accede to requests or demands for political reform, not specified below", 5.0),
    E("0831", "Accede to demands for change in leadership", 5.0),
    E("0832", "Accede to demands for change in policy", 5.0),
    E("0833", "Accede to demands for rights", 5.0),
    E("0834", "Accede to demands for change in institutions, regime", 5.0),
    E("084", "Return, release, not specified below", 7.0),
    E("0841", "Return, release person(s)", 7.0),
    E("0842", "Return, release property", 7.0),
    E("085", "Ease economic sanctions, boycott, embargo", 7.0),
    E("086", "Allow international involvement, not specified below", 9.0),
    E("0861", "Receive deployment of peacekeepers", 9.0),
    E("0862", "Receive inspectors", 9.0),
    E("0863", "Allow delivery of humanitarian aid", 9.0),
    E("087", "De-escalate military engagement", 9.0),
    E("0871", "Declare truce, ceasefire", 9.0),
    E("0872", "Ease military blockade", 9.0),
    E("0873", "Demobilize armed forces", 9.0),
    E("0874", "Retreat or surrender militarily", 10.0),
    // 09 Investigate
    E("09", "INVESTIGATE", -2.0),
    E("090", "Investigate, not specified below", -2.0),
    E("091", "Investigate crime, corruption", -2.0),
    E("092", "Investigate human rights abuses", -2.0),
    E("093", "Investigate military action", -2.0),
    E("094", "Investigate war crimes", -2.0),
    // 10 Demand
    E("10", "DEMAND", -5.0),
    E("100", "Demand, not specified below", -5.0),
    E("101", "Demand material cooperation, not specified below", -5.0),
    E("1011", "Demand economic cooperation", -5.0),
    E("1012", "Demand military cooperation", -5.0),
    E("1013", "Demand judicial cooperation", -5.0),
    E("1014", "Demand intelligence cooperation", -5.0),
    E("102", "Demand diplomatic cooperation (such as policy support)", -5.0),
    E("103", "Demand material aid, not specified below", -5.0),
    E("1031", "Demand economic aid", -5.0),
    E("1032", "Demand military aid", -5.0),
    E("1033", "Demand humanitarian aid", -5.0),
    E("1034", "Demand military protection or peacekeeping", -5.0),
    E("104", "Demand political reform, not specified below", -5.0),
    E("1041", "Demand change in leadership", -5.0),
    E("1042", "Demand policy change", -5.0),
    E("1043", "Demand rights", -5.0),
    E("1044", "Demand change in institutions, regime", -5.0),
    E("105", "Demand that target yields, not specified below", -5.0),
    E("1051", "Demand easing of administrative sanctions", -5.0),
    E("1052", "Demand easing of political dissent", -5.0),
    E("1053", "Demand release of persons or property", -5.0),
    E("1054", "Demand easing of economic sanctions, boycott, or embargo", -5.0),
    E("1055", "Demand that target allows international involvement (non-mediation)", -5.0),
    E("1056", "Demand de-escalation of military engagement", -5.0),
    E("106", "Demand meeting, negotiation", -5.0),
    E("107", "Demand settling of dispute", -5.0),
    E("108", "Demand mediation", -5.0),
    // 11 Disapprove
    E("11", "DISAPPROVE", -2.0),
    E("110", "Disapprove, not specified below", -2.0),
    E("111", "Criticize or denounce", -2.0),
    E("112", "Accuse, not specified below", -2.0),
    E("1121", "Accuse of crime, corruption", -2.0),
    E("1122", "Accuse of human rights abuses", -2.0),
    E("1123", "Accuse of aggression", -2.0),
    E("1124", "Accuse of war crimes", -2.0),
    E("1125", "Accuse of espionage, treason", -2.0),
    E("113", "Rally opposition against", -2.0),
    E("114", "Complain officially", -2.0),
    E("115", "Bring lawsuit against", -2.0),
    E("116", "Find guilty or liable (legally)", -2.0),
    // 12 Reject
    E("12", "REJECT", -4.0),
    E("120", "Reject, not specified below", -4.0),
    E("121", "Reject material cooperation", -4.0),
    E("1211", "Reject economic cooperation", -4.0),
    E("1212", "Reject military cooperation", -4.0),
    E("122", "Reject request or demand for material aid, not specified below", -4.0),
    E("1221", "Reject request for economic aid", -4.0),
    E("1222", "Reject request for military aid", -4.0),
    E("1223", "Reject request for humanitarian aid", -4.0),
    E("1224", "Reject request for military protection or peacekeeping", -4.0),
    E("123", "Reject request or demand for political reform, not specified below", -4.0),
    E("1231", "Reject request for change in leadership", -4.0),
    E("1232", "Reject request for policy change", -4.0),
    E("1233", "Reject request for rights", -4.0),
    E("1234", "Reject request for change in institutions, regime", -4.0),
    E("124", "Refuse to yield, not specified below", -4.0),
    E("1241", "Refuse to ease administrative sanctions", -4.0),
    E("1242", "Refuse to ease popular dissent", -4.0),
    E("1243", "Refuse to release persons or property", -4.0),
    E("1244", "Refuse to ease economic sanctions, boycott, or embargo", -4.0),
    E("1245", "Refuse to allow international involvement (non mediation)", -4.0),
    E("1246", "Refuse to de-escalate military engagement", -4.0),
    E("125", "Reject proposal to meet, discuss, or negotiate", -5.0),
    E("126", "Reject mediation", -5.0),
    E("127", "Reject plan, agreement to settle dispute", -5.0),
    E("128", "Defy norms, law", -5.0),
    E("129", "Veto", -5.0),
    // 13 Threaten
    E("13", "THREATEN", -6.0),
    E("130", "Threaten, not specified below", -4.4),
    E("131", "Threaten non-force, not specified below", -5.8),
    E("1311", "Threaten to reduce or stop aid", -5.8),
    E("1312", "Threaten to boycott, embargo, or sanction", -5.8),
    E("1313", "Threaten to reduce or break relations", -5.8),
    E("132", "Threaten with administrative sanctions, not specified below", -5.8),
    E("1321", "Threaten to impose restrictions on political freedoms", -5.8),
    E("1322", "Threaten to ban political parties or politicians", -5.8),
    E("1323", "Threaten to impose curfew", -5.8),
    E("1324", "Threaten to impose state of emergency or martial law", -5.8),
    E("133", "Threaten political dissent, protest", -5.8),
    E("134", "Threaten to halt negotiations", -5.8),
    E("135", "Threaten to halt mediation", -5.8),
    E("136", "Threaten to halt international involvement (non-mediation)", -7.0),
    E("137", "Threaten with violent repression", -7.0),
    E("138", "Threaten to use military force, not specified below", -7.0),
    E("1381", "Threaten blockade", -7.0),
    E("1382", "Threaten occupation", -7.0),
    E("1383", "Threaten unconventional violence", -7.0),
    E("1384", "Threaten conventional attack", -7.0),
    E("1385", "Threaten attack with WMD", -7.0),
    E("139", "Give ultimatum", -7.0),
    // 14 Protest
    E("14", "PROTEST", -6.5),
    E("140", "Engage in political dissent, not specified below", -6.5),
    E("141", "Demonstrate or rally, not specified below", -6.5),
    E("1411", "Demonstrate for leadership change", -6.5),
    E("1412", "Demonstrate for policy change", -6.5),
    E("1413", "Demonstrate for rights", -6.5),
    E("1414", "Demonstrate for change in institutions, regime", -6.5),
    E("142", "Conduct hunger strike, not specified below", -6.5),
    E("1421", "Conduct hunger strike for leadership change", -6.5),
    E("1422", "Conduct hunger strike for policy change", -6.5),
    E("1423", "Conduct hunger strike for rights", -6.5),
    E("1424", "Conduct hunger strike for change in institutions, regime", -6.5),
    E("143", "Conduct strike or boycott, not specified below", -6.5),
    E("1431", "Conduct strike or boycott for leadership change", -6.5),
    E("1432", "Conduct strike or boycott for policy change", -6.5),
    E("1433", "Conduct strike or boycott for rights", -6.5),
    E("1434", "Conduct strike or boycott for change in institutions, regime", -6.5),
    E("144", "Obstruct passage, block, not specified below", -7.5),
    E("1441", "Obstruct passage to demand leadership change", -7.5),
    E("1442", "Obstruct passage to demand policy change", -7.5),
    E("1443", "Obstruct passage to demand rights", -7.5),
    E("1444", "Obstruct passage to demand change in institutions, regime", -7.5),
    E("145", "Protest violently, riot, not specified below", -7.5),
    E("1451", "Engage in violent protest for leadership change", -7.5),
    E("1452", "Engage in violent protest for policy change", -7.5),
    E("1453", "Engage in violent protest for rights", -7.5),
    E("1454", "Engage in violent protest for change in institutions, regime", -7.5),
    // 15 Exhibit force posture
    E("15", "EXHIBIT FORCE POSTURE", -7.2),
    E("150", "Demonstrate military or police power, not specified below", -7.2),
    E("151", "Increase police alert status", -7.2),
    E("152", "Increase military alert status", -7.2),
    E("153", "Mobilize or increase police power", -7.2),
    E("154", "Mobilize or increase armed forces", -7.2),
    // 16 Reduce relations
    E("16", "REDUCE RELATIONS", -4.0),
    E("160", "Reduce relations, not specified below", -4.0),
    E("161", "Reduce or break diplomatic relations", -4.0),
    E("162", "Reduce or stop material aid, not specified below", -5.6),
    E("1621", "Reduce or stop economic assistance", -5.6),
    E("1622", "Reduce or stop military assistance", -5.6),
    E("1623", "Reduce or stop humanitarian assistance", -5.6),
    E("163", "Impose embargo, boycott, or sanctions", -8.0),
    E("164", "Halt negotiations", -7.0),
    E("165", "Halt mediation", -6.5),
    E("166", "Expel or withdraw, not specified below", -7.0),
    E("1661", "Expel or withdraw peacekeepers", -7.0),
    E("1662", "Expel or withdraw inspectors, observers", -7.0),
    E("1663", "Expel or withdraw aid agencies", -7.0),
    // 17 Coerce
    E("17", "COERCE", -7.0),
    E("170", "Coerce, not specified below", -7.0),
    E("171", "Seize or damage property, not specified below", -9.2),
    E("1711", "Confiscate property", -9.2),
    E("1712", "Destroy property", -9.2),
    E("172", "Impose administrative sanctions, not specified below", -5.0),
    E("1721", "Impose restrictions on political freedoms", -5.0),
    E("1722", "Ban political parties or politicians", -5.0),
    E("1723", "Impose curfew", -5.0),
    E("1724", "Impose state of emergency or martial law", -5.0),
    E("173", "Arrest, detain, or charge with legal action", -5.0),
    E("174", "Expel or deport individuals", -5.0),
    E("175", "Use tactics of violent repression", -9.0),
    // 18 Assault
    E("18", "ASSAULT", -9.0),
    E("180", "Use unconventional violence, not specified below", -9.0),
    E("181", "Abduct, hijack, or take hostage", -9.0),
    E("182", "Physically assault, not specified below", -9.5),
    E("1821", "Sexually assault", -9.0),
    E("1822", "Torture", -9.0),
    E("1823", "Kill by physical assault", -10.0),
    E("183", "Conduct suicide, car, or other non-military bombing, not specified below", -10.0),
    E("1831", "Carry out suicide bombing", -10.0),
    E("1832", "Carry out car bombing", -10.0),
    E("1833", "Carry out roadside bombing", -10.0),
    E("184", "Use as human shield", -8.0),
    E("185", "Attempt to assassinate", -8.0),
    E("186", "Assassinate", -10.0),
    // 19 Fight
    E("19", "FIGHT", -10.0),
    E("190", "Use conventional military force, not specified below", -10.0),
    E("191", "Impose blockade, restrict movement", -9.5),
    E("192", "Occupy territory", -9.5),
    E("193", "Fight with small arms and light weapons", -10.0),
    E("194", "Fight with artillery and tanks", -10.0),
    E("195", "Employ aerial weapons", -10.0),
    E("196", "Violate ceasefire", -9.5),
    // 20 Use unconventional mass violence
    E("20", "USE UNCONVENTIONAL MASS VIOLENCE", -10.0),
    E("200", "Use unconventional mass violence, not specified below", -10.0),
    E("201", "Engage in mass expulsion", -9.5),
    E("202", "Engage in mass killings", -10.0),
    E("203", "Engage in ethnic cleansing", -10.0),
    E("204", "Use weapons of mass destruction, not specified below", -10.0),
    E("2041", "Use chemical, biological, or radiological weapons", -10.0),
    E("2042", "Detonate nuclear weapons", -10.0),
});

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::span<const CameoEventCode> CameoEventCodes() { return kCodes; }

const CameoEventCode* FindCameoEventCode(std::string_view code) {
  auto it =
      std::lower_bound(kCodes.begin(), kCodes.end(), code,
                       [](const CameoEventCode& e, std::string_view c) { return e.code < c; });
  if (it == kCodes.end() || it->code != code) return nullptr;
  return &*it;
}

std::string_view CameoRootCode(std::string_view code) {
  if (code.size() < 2 || !AllDigits(code)) return {};
  return code.substr(0, 2);
}

int QuadClassOfRoot(std::string_view root, QuadClassConvention convention) {
  if (root.size() != 2 || !AllDigits(root)) return 0;
  const int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r < 1 || r > 20) return 0;
  return static_cast<int>(QuadOf(root, convention));
}

std::string_view CameoParentCode(std::string_view code) {
  if (code.size() <= 2) return {};
  return code.substr(0, code.size() - 1);
}

}  // namespace dyad
