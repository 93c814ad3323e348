"""events: constructions of wire copy that name a party indirectly, on real parses — the party a
condition addresses, wanting another to act, a subject the parser gave to a hedge, victims
listed under a weapon, an object reached through a particle, a place set by apposition, a refusal
said as "no reason to", authorities acting at home, and the senses of "question", "suspend" and
"find guilty". Each sentence is written for this file."""

from __future__ import annotations

from coding_support import events_dated, triples


_asserted = events_dated("2004-06-15")


def _triples(events):
    return triples(events, "code")


# whom an act is addressed to -------------------------------------------------------------------
def test_a_conditional_threat_is_towards_the_subject_of_its_condition(coder):
    events = _asserted(coder, "Syria will close its border if Turkey sends troops, its envoy said.")
    assert [(e["source_country"], e["target_country"], e["root"]) for e in events] == [("SYR", "TUR", "13")]
    assert "condition" in events[0]["evidence"]["target_rule"]


def test_a_condition_after_two_coordinated_acts_holds_for_the_first(coder):
    events = _asserted(coder, "Syria will close the crossing and expel the monitors unless Amman stops the raids.")
    assert ("SYR", "JOR") in {(e["source_country"], e["target_country"]) for e in events}
    assert all(e["root"] == "13" for e in events)


def test_wanting_another_state_to_act_is_an_appeal_to_it(coder):
    (event,) = _asserted(coder, "Portugal said it wanted Morocco to extradite the two men.")
    assert (event["source_country"], event["target_country"], event["code"]) == ("PRT", "MAR", "020")


def test_wanting_a_thing_asks_nothing_of_anyone(coder):
    assert not [e for e in _asserted(coder, "Portugal wants better ties with Morocco.") if e["root"] == "02"]


def test_a_plea_for_a_state_to_act_is_an_appeal_to_that_state(coder):
    (event,) = _asserted(coder, "Lebanon made a plea for Egypt to reopen the crossing.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("LBN", "EGY", "02")


# whom it falls on ------------------------------------------------------------------------------
def test_a_passive_subject_given_to_a_hedge_is_still_the_one_acted_on(coder):
    (event,) = _asserted(coder, "Two Spanish engineers, thought to be aid workers, were abducted by gunmen "
                                "in northern Iraq.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("IRQ", "ESP", "18")


def test_victims_listed_under_the_weapon_are_victims_of_the_act(coder):
    events = _asserted(coder, "KABUL -- Two car bombs in Kabul killed at least nine people yesterday, including one "
                              "Turkish engineer, and Interior Minister Ali Jalali visited Afghan troops and doctors "
                              "in the capital.")
    assert ("AFG", "TUR") in {(e["source_country"], e["target_country"]) for e in events if e["root"] == "18"}


def test_the_one_met_with_gunfire_is_attacked_where_it_was(coder):
    (event,) = _asserted(coder, "A Kenyan patrol was met with gunfire near the Somali town of Kismayo.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("SOM", "KEN", "19")


def test_a_place_set_by_apposition_gives_its_state_and_is_no_civilian(coder):
    events = _asserted(coder, "A Red Cross convoy was met with gunfire when it arrived in Bouna, northern Ivory Coast.")
    assert [(e["source_country"], e["root"]) for e in events if e["root"] == "19"] == [("CIV", "19")]
    (visit,) = _asserted(coder, "The French minister visited Man, a market town of western Ivory Coast.")
    assert (visit["source"], visit["target"]) == ("FRAGOV", "CIV")


def test_a_vehicle_arriving_makes_no_visit_its_passenger_does(coder):
    assert not _asserted(coder, "A United Nations plane arrived in Goma on Monday.")
    (event,) = _asserted(coder, "The UN envoy arrived in Goma on Monday.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("UN", "COD", "04")


def test_a_crowd_whose_verb_the_parser_hung_on_it_still_protests(coder):
    (event,) = _asserted(coder, "Hundreds of students protested in Nairobi against the fee rise.")
    assert (event["source"], event["target_country"], event["root"]) == ("KENCVL", "KEN", "14")


def test_a_headline_of_victims_makes_no_killers_of_them(coder):
    for text in ("Hundreds of civilians killed in the shelling of Grozny",
                 "Hundreds of Kenyan soldiers killed in Somalia."):
        events = coder.code_text(text, "2004-06-15", "t")
        assert not [e for e in events if e["source"].endswith(("CVL", "MIL"))], text


def test_killed_in_a_states_air_strike_is_that_states_act(coder):
    events = _asserted(coder, "Nine Pakistanis were killed in an American drone strike in Waziristan.")
    killed = [e for e in events if e["code"] == "1823"]
    assert [(e["source_country"], e["target_country"]) for e in killed] == [("USA", "PAK")]
    assert killed[0]["evidence"]["source_rule"] == "author of the attack it happened in"


def test_a_state_acted_on_is_quoted_by_its_own_name_in_the_sentence(coder):
    events = _asserted(coder, "President Mwai Kibaki declared a state of emergency on Monday, sending troops into "
                              "the streets of Kenya's cities.")
    assert [e["target_text"] for e in events if e["code"] == "1724"] == ["Kenya"]
    crowd = _asserted(coder, "NAIROBI -- Hundreds of students took to the streets on Monday, the worst unrest "
                             "Kenya has seen in years.")
    assert [(e["target_country"], e["target_text"]) for e in crowd] == [("KEN", "Kenya")]


def test_a_multinational_mission_one_supports_is_there_for_the_state_it_is_in(coder):
    (event,) = _asserted(coder, "Uruguay pledged funds to the African Union mission in Somalia.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("URY", "SOM", "03")
    (attack,) = _asserted(coder, "Rebels attacked the UN mission in Mali.")
    assert attack["target_country"] == "UN"


def test_states_sharing_together_are_each_others_party_not_the_one_shared_about(coder):
    events = _asserted(coder, "Chile and Peru agreed to share intelligence on Bolivia.")
    assert _triples(events) == [("CHL", "PER", "064"), ("PER", "CHL", "064")]


def test_captives_freed_where_no_captor_is_named_are_freed_by_that_state(coder):
    (event,) = _asserted(coder, "Two Chilean engineers were freed from captivity in Nigeria on Sunday.")
    assert (event["source_country"], event["target_country"], event["code"]) == ("NGA", "CHL", "0841")


def test_approving_a_leaders_request_yields_to_him_not_to_where_it_is_for(coder):
    events = _asserted(coder, "The Kenyan senate approved President William Ruto's request to deploy police "
                              "officers in Haiti.", "2023-10-01")
    assert [(e["source"], e["target"], e["root"]) for e in events] == [("KENLEG", "KENGOV", "08")]
    (own,) = _asserted(coder, "The Egyptian Foreign Ministry expressed Egypt's solidarity with the government "
                              "of Saudi Arabia.")
    assert own["target_country"] == "SAU"


# what is refused -------------------------------------------------------------------------------
def test_seeing_no_need_to_meet_is_a_refusal_to_meet(coder):
    (event,) = _asserted(coder, "Pakistan sees no need to hold talks with India.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("PAK", "IND", "12")


def test_refusing_to_let_a_ship_dock_is_a_refusal_towards_its_state(coder):
    (event,) = _asserted(coder, "Turkey refused to let the Greek ship dock at Izmir.")
    assert (event["source_country"], event["target_country"], event["code"]) == ("TUR", "GRC", "124")


def test_a_refusal_named_by_a_noun_is_no_recognition(coder):
    (event,) = _asserted(coder, "Serbia's refusal to recognise Kosovo blocks the talks.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("SRB", "XKX", "12")


def test_refusing_to_let_another_act_is_not_the_others_refusal(coder):
    events = coder.code_text("Mali refused a request to allow French police to question the detained suspects.",
                             "2004-06-15", "t")
    assert not [e for e in events if e["source_country"] == "FRA" and e["modality"] == "asserted"]


def test_an_ability_of_others_to_travel_is_not_the_lifters_visit(coder):
    events = _asserted(coder, "Spain lifted limits on the ability of families to visit relatives in Morocco.")
    assert not [e for e in events if e["root"] == "04"]


# who acts at home ------------------------------------------------------------------------------
def test_an_unplaced_judge_questioning_a_national_is_of_that_state(coder):
    (event,) = _asserted(coder, "An investigating judge questioned the former Peruvian president for an hour.")
    assert (event["source"], event["target_country"], event["root"]) == ("PERJUD", "PER", "09")


def test_rebel_leaders_are_not_the_countrys_leader(coder):
    events = _asserted(coder, "BAMAKO, Mali -- President Amadou Toumani Toure praised the deal on Monday but "
                              "rebel leaders criticised France.")
    assert [e["source"] for e in events if e["target_country"] == "FRA"] == ["MLIREB"]


def test_troops_loyal_to_a_leader_are_his_states(coder):
    events = _asserted(coder, "Gunmen loyal to a Somali warlord attacked the Kenyan convoy.")
    assert [(e["source"], e["target_country"]) for e in events] == [("SOMREB", "KEN")]


def test_rebels_opposed_to_a_government_are_of_its_state(coder):
    events = _asserted(coder, "French troops fought rebels opposed to the Malian government near the border.")
    assert ("FRAMIL", "MLIREB") in {(e["source"], e["target"]) for e in events}


def test_a_person_a_court_frees_is_of_the_courts_state(coder):
    (event,) = _asserted(coder, "A Zimbabwean court on Tuesday freed the activist pastor Tendai Moyo.")
    assert (event["source"], event["target_country"], event["code"]) == ("ZWEJUD", "ZWE", "0841")


def test_an_undated_text_is_dated_by_the_office_holders_it_names(coder):
    text = "Former US President Barack Obama had lunch with French President Emmanuel Macron in Paris."
    undated = [(e["source"], e["target"]) for e in coder.code_text(text, None, "t")]
    assert ("USA", "FRAGOV") in undated and ("USAGOV", "FRAGOV") not in undated
    assert ("USA", "FRAGOV") in [(e["source"], e["target"]) for e in coder.code_text(text, "2018-05-01", "t")]


# senses ---------------------------------------------------------------------------------------
def test_questioning_a_person_is_an_investigation_questioning_a_decision_is_not(coder):
    (event,) = _asserted(coder, "Turkish prosecutors questioned two Greek journalists.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("TUR", "GRC", "09")
    assert not _asserted(coder, "The Turkish minister questioned the decision of the Greek court.")


def test_an_army_suspending_a_commander_disciplines_its_own(coder):
    (event,) = _asserted(coder, "The Nigerian army suspended a battalion commander.")
    assert (event["source"], event["target"], event["root"]) == ("NGAMIL", "NGAMIL", "17")


def test_finding_someone_guilty_is_a_ruling_against_them(coder):
    (event,) = _asserted(coder, "A Kenyan court found two Somali men guilty of piracy.")
    assert (event["source_country"], event["target_country"], event["code"]) == ("KEN", "SOM", "116")


# stop 20: mediation efforts, refusals until, a state's own institutions, ultimatums, meetings abroad
def test_a_mediation_effort_between_two_states_is_towards_each(coder):
    events = _asserted(coder, "Norway launched a mediation effort between Colombia and Venezuela.")
    assert _triples(events) == [("NOR", "COL", "045"), ("NOR", "VEN", "045")]


def test_refusing_to_yield_until_another_acts_is_a_refusal_towards_it(coder):
    (event,) = _asserted(coder, "Ankara will not lift the embargo until Yerevan opens the border.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("TUR", "ARM", "12")
    assert "condition" in event["evidence"]["target_rule"]


def test_the_government_its_people_defy_is_their_own(coder):
    (event,) = _asserted(coder, "Chilean miners will not end their strike until the government raises wages.")
    assert (event["source_country"], event["target"], event["root"]) == ("CHL", "CHLGOV", "12")
    (event,) = _asserted(coder, "Peruvian students denounced the government over the fee rise.")
    assert event["target"] == "PERGOV"


def test_an_official_a_legislature_criticises_is_its_own_but_not_one_it_meets(coder):
    (event,) = _asserted(coder, "Peruvian lawmakers criticised the justice minister over the delay.")
    assert (event["source"], event["target"], event["code"]) == ("PERLEG", "PERGOV", "111")
    assert {e["target"] for e in _asserted(coder, "Peruvian lawmakers met the justice minister.")
            if e["source"] == "PERLEG"} == {"---GOV"}


def test_an_ultimatum_issued_with_a_condition_in_it_is_issued(coder):
    events = _asserted(coder, "The Kenyan president has issued an ultimatum to Somalia warning of air strikes "
                              "if its militias do not leave the border.")
    assert ("KEN", "SOM", "139") in _triples(events)
    assert not _asserted(coder, "Kenya will issue an ultimatum to Somalia if the militias stay.")


def test_attending_a_conference_abroad_is_meeting_the_host_state_and_at_home_nobody(coder):
    events = _asserted(coder, "The Chilean foreign minister attended a trade conference in Tokyo.")
    assert ("CHL", "JPN", "04") in {(e["source_country"], e["target_country"], e["root"]) for e in events}
    assert not _asserted(coder, "The Japanese foreign minister attended a trade conference in Tokyo.")


def test_an_investigation_of_a_person_is_of_that_person_not_of_a_state_his_ties_reach(coder):
    (event,) = _asserted(coder, "Brazilian police opened an investigation into Lula over his dealings with "
                                "the Venezuelan government.", "2016-03-01")
    assert (event["source"], event["target_country"], event["code"]) == ("BRACOP", "BRA", "090")
    events = coder.code_text("Spanish prosecutors opened an investigation into Jean Dupont over his links to "
                             "the Syrian government.", "2016-03-01", "t")
    assert [e["target"] for e in events] == ["---"]


def test_a_clash_of_unarmed_parties_is_one_of_words_of_armed_ones_force(coder):
    events = _asserted(coder, "The Kenyan president clashed with the opposition leader over the budget.")
    assert _triples(events) == [("KEN", "KEN", "111"), ("KEN", "KEN", "111")]
    events = _asserted(coder, "A clash between the Kenyan president and the opposition leader delayed the budget.")
    assert {e["code"] for e in events} == {"111"} and len(events) == 2
    assert {e["root"] for e in _asserted(coder, "Indian and Pakistani troops clashed along the border.")} == {"19"}


def test_two_sides_of_one_state_clashing_fight_each_other(coder):
    events = _asserted(coder, "Malian rebels and Malian troops clashed in the north.", "2012-06-01")
    assert sorted((e["source"], e["target"], e["root"]) for e in events) == [
        ("MLIMIL", "MLIREB", "19"), ("MLIREB", "MLIMIL", "19")]


def test_nationals_arrested_with_no_one_named_and_no_place_are_arrested_at_home(coder):
    (event,) = _asserted(coder, "Two Kenyan activists were arrested on Monday.", "2012-06-01")
    assert (event["source"], event["target_country"], event["code"]) == ("KEN", "KEN", "173")
    assert event["source_text"] == "Kenyan"
    # where a town the knowledge base lacks is named, or only a name's office gives a state, no one
    assert not _asserted(coder, "Two Kenyan activists were arrested in Trogir on Monday.", "2012-06-01")
    assert not _asserted(coder, "Raila Odinga was arrested on Monday.", "2012-06-01")


def test_the_leader_of_a_party_or_network_is_of_it_the_leader_of_a_state_of_its_government(coder):
    (event,) = _asserted(coder, "The leader of a Kenyan opposition party was arrested in Nairobi.", "2012-06-01")
    assert event["target"] == "KENOPP"
    (event,) = _asserted(coder, "The leader of an Indonesian terrorist network was arrested in Jakarta.", "2012-06-01")
    assert event["target"] == "IDNREB"
    (event,) = _asserted(coder, "Police in Nairobi arrested a leader of Kenya.", "2012-06-01")
    assert event["target"] == "KENGOV"


def test_armed_men_withdrawing_retreat_a_state_leaving_a_treaty_cuts_ties(coder):
    (event,) = _asserted(coder, "Hundreds of UN troops withdrew from the Syrian side of the Golan.", "2014-06-01")
    assert (event["source"], event["target"], event["code"]) == ("UNMIL", "SYR", "0874")
    assert "retreat" in event["evidence"]["modality_reason"]
    assert [e["code"] for e in coder.code_text("Russia withdrew from the treaty with Ukraine.", "2014-06-01", "t")] \
        == ["160"]


def test_a_bare_verb_the_parser_coordinated_with_a_past_one_takes_no_subject_from_it(coder):
    events = _asserted(coder, "A Tunisian court has jailed a Nigerian student for two years for helping young "
                              "militants join an armed group in Lebanon.", "2014-06-01")
    assert [(e["source"], e["code"]) for e in events] == [("TUNJUD", "173")]


def test_a_place_in_or_near_a_capital_is_the_states_ground_not_its_government(coder):
    events = _asserted(coder, "Rebels attacked a checkpoint in Kabul.", "2014-06-01")
    assert [(e["source"], e["target"]) for e in events] == [("AFGREB", "AFG")]
    events = _asserted(coder, "The United States launched an air strike against an Islamic State target "
                              "southwest of Baghdad.", "2014-09-01")
    assert "IRQ" in {e["target"] for e in events} and "IRQGOV" not in {e["target"] for e in events}


def test_a_count_of_nationals_is_people_not_their_state(coder):
    (event,) = _asserted(coder, "Thousands of Chileans protested against the pension reform in Santiago.")
    assert (event["source"], event["target"], event["code"]) == ("CHLCVL", "CHL", "141")
    (event,) = _asserted(coder, "The junta expelled 40 Chileans.")
    assert event["target"] == "CHLCVL"


def test_joining_a_meeting_with_a_state_is_meeting_it_and_no_reason_to_join_a_rejection(coder):
    assert ("CHL", "ARG", "040") in _triples(_asserted(coder, "Chile joined a meeting with Argentina on fishing rights."))
    (event,) = _asserted(coder, "North Korea says it sees no reason to join a meeting with the United States.")
    assert (event["source_country"], event["target_country"], event["code"]) == ("PRK", "USA", "125")


def test_an_armed_group_holding_someone_takes_a_hostage_a_states_police_detain(coder):
    (event,) = _asserted(coder, "Somali rebels were holding a Kenyan engineer under threat of death.")
    assert (event["source"], event["target_country"], event["code"]) == ("SOMREB", "KEN", "181")
    (event,) = _asserted(coder, "Iranian police held two French journalists for a week.")
    assert (event["source"], event["target_country"], event["code"]) == ("IRNCOP", "FRA", "173")
    (event,) = _asserted(coder, "Somali pirates detained the crew of a Greek tanker.")
    assert event["code"] == "181"


def test_one_held_somewhere_with_no_one_named_is_in_a_state_not_arrested_by_the_place(coder):
    events = coder.code_text("France announced the release of a French citizen held in Yemen for four months.",
                             "2014-06-01", "t")
    assert [(e["source"], e["code"]) for e in events] == [("FRA", "0841")]
    events = coder.code_text("France announced the release of a French citizen held hostage in Yemen.",
                             "2014-06-01", "t")
    assert all(e["source_country"] != "FRA" or e["code"] == "0841" for e in events)   # the hostage holds no one


def test_armed_men_withdrawing_others_is_no_retreat(coder):
    (event,) = _asserted(coder, "Nigerian police withdrew the batch of 200 observers from Liberia.", "2014-06-01")
    assert (event["source"], event["target_country"], event["code"]) == ("NGACOP", "LBR", "160")


def test_needing_another_states_help_asks_it_for_aid(coder):
    (event,) = _asserted(coder, "Kenya needs the support of the United States.")
    assert (event["source_country"], event["target_country"], event["code"]) == ("KEN", "USA", "023")
    assert not _asserted(coder, "Kenya does not need help from anyone.")


def test_a_strike_called_off_at_home_is_towards_its_own_state_and_what_followed_a_deal_happened(coder):
    events = _asserted(coder, "Bus drivers in Brazil called off a strike after reaching agreement with the "
                              "Brazilian government.", "2018-06-01")
    assert {(e["source_country"], e["target_country"], e["code"]) for e in events} == {
        ("BRA", "BRA", "082"), ("BRA", "BRA", "057")}
    (event,) = _asserted(coder, "Kenyan teachers called off their strike on Monday.", "2018-06-01")
    assert (event["source"], event["target"], event["code"]) == ("KENEDU", "KEN", "082")


def test_a_word_written_with_a_hyphen_is_the_lexicons_word(coder):
    (event,) = _asserted(coder, "Kenya announced a weeklong cease-fire with Somali rebels.", "2018-06-01")
    assert (event["code"], event["target"], event["trigger_text"]) == ("0871", "SOMREB", "announced cease-fire")


def test_ending_mediation_efforts_between_two_states_ends_it_with_each(coder):
    events = _asserted(coder, "The US envoy ended mediation efforts between Serbia and Albania.", "2018-06-01")
    assert _triples(events) == [("USA", "ALB", "165"), ("USA", "SRB", "165")]


def test_states_beginning_joint_exercises_cooperate_with_each_other_and_war_games_are_exercises(coder):
    events = _asserted(coder, "Jordan and the United States began joint military exercises in the desert.", "2018-06-01")
    assert _triples(events) == [("JOR", "USA", "062"), ("USA", "JOR", "062")]
    events = _asserted(coder, "Brazil and Argentina held joint war games in October.", "2018-06-01")
    assert _triples(events) == [("ARG", "BRA", "062"), ("BRA", "ARG", "062")]


def test_workers_going_on_strike_at_home_strike_against_their_state(coder):
    (event,) = _asserted(coder, "Teachers in Chile went on strike for better pay.", "2018-06-01")
    assert (event["source"], event["target"], event["code"]) == ("CHLEDU", "CHL", "143")


def test_a_pronoun_owning_the_act_another_answers_is_not_the_one_answering(coder):
    events = _asserted(coder, "The United Nations imposed sanctions on Iraq in 1990 in response to its invasion "
                              "of Kuwait.", "1991-01-01")
    assert _triples(events) == [("UN", "IRQ", "163")]
    (event,) = _asserted(coder, "Iraq defended its invasion of Kuwait.", "1991-01-01")
    assert (event["source_country"], event["target_country"]) == ("IRQ", "KWT")


def test_firms_of_two_states_suing_to_block_one_states_rule_each_act_on_their_own(coder):
    events = _asserted(coder, "Honda Motor, General Motors and five other carmakers filed suit to block Oregon's "
                              "new emissions rule.")
    assert ("JPNBUS", "USA", "115") in {(e["source"], e["target"], e["code"]) for e in events}
    # states acting together name their own only as a topic
    events = _asserted(coder, "Chile, Peru and Bolivia agreed on a plan for northern Chile.")
    assert {e["target_country"] for e in events if e["source_country"] == "PER"} == {"CHL", "BOL"} and \
        all(e["code"] == "030" for e in events)


def test_joining_with_another_is_working_with_it_and_said_of_the_future_an_intent(coder):
    (event,) = _asserted(coder, "South Korea joined with Chile to build a copper smelter.")
    assert _triples([event]) == [("KOR", "CHL", "060")]
    events = _asserted(coder, "Microsoft said it will join with India's largest software firm, Infosys, to build "
                              "a research centre.")
    assert ("USABUS", "INDBUS", "031") in {(e["source"], e["target"], e["code"]) for e in events}


def test_rebel_leaders_met_in_a_capital_are_not_of_its_state_nor_of_the_signers(coder):
    events = coder.code_text("Representatives of Ukraine, Russia and the OSCE signed a ceasefire protocol with "
                             "separatist leaders in Minsk on Friday.", "2014-09-06", "t")
    assert events and not [e for e in events if e["target_country"] == "BLR"
                           or e["target"] in ("RUSREB", "UKRREB", "OSCEREB")]
    assert _asserted(coder, "Protesters in Cairo denounced the president.")[0]["source"] == "EGYCVL"


def test_attending_an_organisations_summit_abroad_meets_the_organisation(coder):
    (event,) = _asserted(coder, "Obama will still attend the G20 summit in St Petersburg.", "2013-08-08")
    assert (event["source"], event["target"], event["code"]) == ("USAGOV", "G20GOV", "036")


def test_people_hurt_in_a_blast_are_injured_an_economy_hurt_is_not_assaulted(coder):
    (event,) = _asserted(coder, "At least 20 people have been hurt in an explosion in the Kenyan capital, Nairobi.")
    assert (event["source"], event["target"], event["code"]) == ("KEN", "KENCVL", "182")
    assert not _asserted(coder, "The sanctions hurt the Iranian economy.")
