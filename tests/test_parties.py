"""events: who the parties of an act are, on real parses — acts done together (a meeting, a
treaty of three), actors placed by where the act happened, words for a relation or a victim that
do not name their possessor's state, crowds as the target of repression, and clauses that report
or oblige rather than assert. Each sentence is written for this file."""

from __future__ import annotations

import pytest

from coding_support import events_dated, triples as _triples


_events = events_dated("2004-06-15")


# done together ------------------------------------------------------------------------------
def test_a_treaty_of_three_states_is_each_ones_towards_each_other(coder):
    events = _events(coder, "Chile, Peru and Bolivia signed a border treaty.")
    pairs = {(e["source_country"], e["target_country"]) for e in events if e["code"] == "057"}
    assert pairs == {(a, b) for a in ("BOL", "CHL", "PER") for b in ("BOL", "CHL", "PER") if a != b}


def test_a_meeting_with_another_is_coded_both_ways(coder):
    events = _events(coder, "The Thai prime minister held talks with his Malaysian counterpart.")
    assert _triples(events) == [("MYS", "THA", "04"), ("THA", "MYS", "04")]
    assert all("done together" in e["evidence"]["target_rule"] for e in events)


def test_shaking_hands_is_a_meeting(coder):
    events = _events(coder, "The Chilean president shook hands with the Bolivian president at the border.")
    assert _triples(events) == [("BOL", "CHL", "04"), ("CHL", "BOL", "04")]


# placed by where it happened ------------------------------------------------------------------
def test_gunmen_take_the_state_of_a_place_named_inside_a_from_phrase(coder):
    (event,) = _events(coder, "Gunmen abducted two French journalists from a car in southern Iraq.")
    assert (event["source"], event["target_country"], event["code"]) == ("IRQREB", "FRA", "181")


def test_an_attack_with_no_attacker_named_on_people_of_the_same_state_is_coded(coder):
    (event,) = _events(coder, "A car bomb exploded in Mosul, killing seven Iraqis.")
    assert (event["source"], event["target_country"], event["root"]) == ("IRQ", "IRQ", "18")


def test_a_noun_of_attack_takes_no_source_from_the_dateline_alone(coder):
    events = coder.code_text("DAKAR, Senegal -- Villagers lit fires to drive back an invasion of locusts.",
                             "2004-06-15", "t")
    assert not [e for e in events if e["root"] == "19"]


# relations and victims ------------------------------------------------------------------------
def test_a_states_allies_are_not_that_state(coder):
    events = coder.code_text("Insurgents stepped up pressure on America's allies in Afghanistan.", "2004-06-15", "t")
    assert not [e for e in events if e["target_country"] == "USA"]


def test_the_kidnappers_of_tourists_are_not_of_the_tourists_state(coder):
    events = coder.code_text("Police negotiated with the kidnappers of three Japanese tourists.", "2004-06-15", "t")
    assert not [e for e in events if "JPN" in (e["source_country"], e["target_country"])]


def test_a_role_word_on_a_noun_of_force_acts_only_if_armed(coder):
    events = coder.code_text("A Chechen commander claimed responsibility for the school siege in southern Russia.",
                             "2004-09-20", "t")
    assert not [e for e in events if e["source"].endswith("EDU")]


def test_a_conjoined_noun_shares_the_possessor_as_its_source(coder):
    events = coder.code_text("A summit was overshadowed by Minsk's human rights record and detention of "
                             "opposition leader Mikalai Statkevich.", "2011-06-15", "t")
    assert [(e["source_country"], e["root"]) for e in events] == [("BLR", "17")]


# crowds --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, source", [
    ("Georgian police dispersed a rally in Tbilisi.", "GEOCOP"),
    ("Kenyan police broke up a demonstration in Nairobi.", "KENCOP"),
])
def test_police_breaking_up_a_crowd_act_on_the_crowd(coder, text, source):
    (event,) = _events(coder, text)
    assert (event["source"], event["target"], event["code"]) == (source, source[:3] + "CVL", "175")


def test_a_rally_held_to_protest_is_not_held_by_the_police_who_break_it_up(coder):
    events = _events(coder, "Police in Nairobi used tear gas to break up a demonstration held to protest "
                            "the killing of Somali refugees.")
    assert [(e["source"], e["target"], e["code"]) for e in events] == [("KENCOP", "KENCVL", "175")]


# reported, obliged, figurative ----------------------------------------------------------------
def test_what_statements_say_is_not_asserted(coder):
    events = coder.code_text("Early statements that Turkish troops had shelled Syrian villages proved false.",
                             "2012-10-05", "t")
    assert [e["modality"] for e in events] == ["hypothetical"]
    assert "statements" in events[0]["evidence"]["modality_reason"]


def test_what_a_state_will_have_to_do_is_not_an_intent(coder):
    events = coder.code_text("Chile will have to return the land to Bolivia, a court said.", "2004-06-15", "t")
    assert [e["modality"] for e in events] == ["hypothetical"]


def test_a_warning_about_a_states_currency_is_no_threat_to_that_state(coder):
    events = coder.code_text("The envoy warned that Nigeria's weak currency would hurt growth next year.",
                             "2004-06-15", "t")
    assert not [e for e in events if e["target_country"] == "NGA"]


@pytest.mark.parametrize("text", [
    "Albanians went to the polls on Sunday with fighting crime and joining NATO the main issues.",
    "Moldovans voted on Sunday with fighting poverty and joining the EU the central themes of the race.",
])
def test_fighting_a_thing_is_no_act_of_force(coder, text):
    assert not [e for e in coder.code_text(text, "2004-06-15", "t") if e["root"] == "19"]


def test_hong_kong_is_a_place_of_china(coder):
    (event,) = _events(coder, "Hong Kong democrats accused Japan of ignoring their appeal.")
    assert (event["source_country"], event["target_country"], event["root"]) == ("CHN", "JPN", "11")


# more of the parties ----------------------------------------------------------------------------
def test_a_finite_verb_the_parser_hung_on_an_infinitive_keeps_the_main_subject(coder):
    events = coder.code_text("Rice urged Egypt on Monday to curb arms smuggling into Gaza and pressed Cairo to "
                             "accept an Israeli offer of talks.", "2005-06-15", "t")
    pressed = [e for e in events if e["trigger_text"] == "pressed"]
    assert [(e["source_country"], e["target_country"], e["root"], e["modality"]) for e in pressed] == \
        [("USA", "EGY", "10", "asserted")]


def test_a_fight_with_no_opponent_named_is_with_the_state_where_it_is_fought(coder):
    events = _events(coder, "British Army and Marine units thrust into the heart of the rebel stronghold of Basra "
                            "on Tuesday, fighting fierce street battles.")
    assert _triples(events) == [("GBR", "IRQ", "19"), ("IRQ", "GBR", "19")]


def test_attackers_take_the_state_of_the_place_they_overran(coder):
    events = _events(coder, "Attackers overran a remote village in Nigeria's Borno state and killed 20 residents.")
    assert {e["source"] for e in events} == {"NGAREB"}


@pytest.mark.parametrize("text, state", [
    ("Supporters of the ousted president took to the streets of the Liberian capital, burning tyres.", "LBR"),
    ("PORT-AU-PRINCE, Haiti Oct. 2, 2004 - Supporters of the exiled leader took to the streets of the capital, "
     "blocking roads.", "HTI"),
])
def test_a_crowd_in_the_streets_demonstrates_against_the_state_it_is_in(coder, text, state):
    events = _events(coder, text)
    assert [(e["source"], e["target"], e["code"]) for e in events] == [(state + "CVL", state, "141")]


def test_a_piece_of_a_hyphenated_name_is_no_actor(coder):
    events = coder.code_text("PORT-AU-PRINCE, Haiti Oct. 2, 2004 - Supporters of the exiled leader took to the "
                             "streets of the capital, blocking roads with burning tires.", "2004-10-02", "t")
    assert not [e for e in events if "AU" in (e["source_country"], e["target_country"])]


def test_both_states_of_us_and_iraqi_forces_are_parties(coder):
    events = _events(coder, "Loyalists of a dismissed Iraqi governor clashed with US and Iraqi security forces in Basra.")
    assert {(e["source"], e["target"]) for e in events} == {
        ("IRQCVL", "IRQMIL"), ("IRQMIL", "IRQCVL"), ("IRQCVL", "USAMIL"), ("USAMIL", "IRQCVL")}


def test_a_state_of_emergency_falls_on_the_state_that_declares_it(coder):
    (event,) = _events(coder, "The Iraqi government declared a state of emergency for 60 days.")
    assert (event["source"], event["target"], event["code"]) == ("IRQGOV", "IRQ", "1724")


def test_striking_a_tone_is_no_attack(coder):
    events = coder.code_text("The British prime minister struck a conciliatory tone on Monday.", "2004-06-15", "t")
    assert not [e for e in events if e["root"] == "19"]


def test_an_offensive_that_kills_is_the_offensive_of_who_conducts_it(coder):
    events = _events(coder, "GAZA CITY (Reuters) - Israel said it was easing an offensive that has killed "
                            "80 Palestinians.")
    assert [(e["source_country"], e["target_country"], e["root"]) for e in events] == [("ISR", "PSE", "18")]


def test_an_army_suspending_an_officer_acts_on_its_own_not_the_datelines_state(coder):
    events = coder.code_text("GAZA CITY -- The Israeli army suspended a platoon commander on suspicion he had "
                             "fired at a Palestinian boy.", "2004-10-15", "t")
    assert not [e for e in events if e["trigger_text"] == "suspended" and e["target_country"] == "PSE"]


def test_leaders_of_a_region_are_not_placed_in_the_datelines_state(coder):
    events = coder.code_text("LAGOS, Nigeria -- African leaders backed new sanctions against Liberia.",
                             "2004-06-15", "t")
    assert not [e for e in events if e["source_country"] == "NGA"]


def test_an_explosion_that_strikes_is_a_bombing_not_military_force(coder):
    (event,) = _events(coder, "A car bomb struck a police convoy in the Iraqi city of Mosul.")
    assert (event["source_country"], event["code"]) == ("IRQ", "183")


def test_forces_moving_into_a_place_are_not_of_that_place(coder):
    events = coder.code_text("Tanks rolled into northern Gaza to stop rocket attacks.", "2004-10-15", "t")
    assert not [e for e in events if e["source_country"] == "PSE"]


def test_the_people_detained_are_the_target_not_a_party_named_further_on(coder):
    (event,) = _events(coder, "Police in the West Bank detained several suspects in the attack on the convoy of the "
                              "Palestinian prime minister.")
    assert (event["source"], event["target"], event["root"]) == ("PSECOP", "PSECVL", "17")


def test_what_two_leaders_discuss_is_a_topic_not_a_party(coder):
    events = _events(coder, "Sarkozy and Merkel discussed Greece on Monday.", "2011-10-10")
    assert _triples(events) == [("DEU", "FRA", "04"), ("FRA", "DEU", "04")]


def test_an_organisations_office_in_a_capital_is_the_organisations(coder):
    events = _events(coder, "The EU's Moscow delegation funded human rights groups in Russia.", "2011-10-10")
    assert [(e["source"], e["target"]) for e in events] == [("EUGOV", "RUSNGO")]


def test_an_act_put_on_hold_did_not_happen(coder):
    events = coder.code_text("The deal put a French air strike on Mali on hold.", "2013-01-10", "t")
    assert [e["modality"] for e in events if e["root"] == "19"] == ["negated"]


def test_what_a_state_lets_another_do_is_permitted_not_done(coder):
    events = coder.code_text("Kazakhstan agreed to let Germany fly supplies across its territory to Afghanistan.",
                             "2010-06-15", "t")
    assert not [e for e in events if e["source_country"] == "DEU" and e["modality"] == "asserted"]


def test_a_treaty_signed_to_annex_a_region_is_no_treaty_with_its_state(coder):
    events = _events(coder, "The Russian president signed a treaty on Tuesday to annex Abkhazia.", "2014-03-18")
    assert [(e["source_country"], e["target_country"], e["root"]) for e in events] == [("RUS", "GEO", "19")]


# acted on at home -----------------------------------------------------------------------------
def test_a_person_the_police_arrest_is_of_their_state(coder):
    (event,) = _events(coder, "Kenyan police arrested Wanjiku Otieno in a raid on Monday.")
    assert (event["source"], event["target"], event["code"]) == ("KENCOP", "KEN", "173")
    assert "acted on at home" in event["evidence"]["target"]


def test_a_state_itself_coerces_at_home(coder):
    (event,) = _events(coder, "Uganda detained Okello Matata after the vote.")
    assert (event["source"], event["target_country"], event["root"]) == ("UGA", "UGA", "17")


def test_someone_deported_takes_no_state_from_who_deported_him(coder):
    events = _events(coder, "Kenyan police deported Janek Kowal on Monday.")
    assert not [e for e in events if e["target_country"] == "KEN"]


def test_an_organisation_given_something_is_not_placed_at_home(coder):
    events = _events(coder, "The Canadian government returned a stolen manuscript to the Helmholz Library.")
    assert not [e for e in events if e["target_country"] == "CAN"]
    (raid,) = _events(coder, "Turkish police raided the Kuzey Foundation.")
    assert (raid["source_country"], raid["target_country"]) == ("TUR", "TUR")


def test_people_words_are_civilians_of_the_state_that_detains_them(coder):
    (event,) = _events(coder, "Georgian police detained 40 individuals near the parliament.")
    assert (event["source"], event["target"], event["code"]) == ("GEOCOP", "GEOCVL", "173")


def test_a_body_disciplining_one_of_its_own_is_an_act_on_itself(coder):
    (event,) = _events(coder, "The Egyptian army detained a colonel on Sunday.")
    assert (event["source"], event["target"], event["code"]) == ("EGYMIL", "EGYMIL", "173")


def test_a_role_of_an_enemy_is_not_one_of_ones_own(coder):
    events = _events(coder, "Egyptian troops captured a colonel of the rebel army.")
    assert not [e for e in events if e["target"] == "EGYMIL"]


# members named, places of chained acts --------------------------------------------------------
def test_members_named_among_the_victims_are_targets_too(coder):
    events = _events(coder, "A roadside bomb near Kandahar wounded nine people, including three Canadian soldiers.")
    assert ("AFG", "CAN", "18") in _triples(events)


def test_an_act_chained_to_an_attack_is_where_the_attack_was(coder):
    events = _events(coder, "A car bomb exploded outside a hotel in Peshawar, killing three Pakistanis and "
                            "injuring nine people, including two Chinese engineers.")
    assert ("PAK", "CHN", "18") in _triples(events)


def test_members_do_not_name_the_doer(coder):
    events = _events(coder, "Two car bombs in Kirkuk, including one in a Turkish market, killed nine people.")
    assert not [e for e in events if e["source_country"] == "TUR"]


# relations by participle, accidents, allegations ------------------------------------------------
def test_a_state_that_backs_a_group_is_not_its_state(coder):
    assert not [e for e in _events(coder, "Iran-backed militias attacked a Saudi border post.")
                if e["source_country"] == "IRN"]
    (led,) = _events(coder, "US-led forces attacked a Taliban camp.")
    assert led["source_country"] == "USA"


def test_an_accident_is_no_ones_act(coder):
    assert _events(coder, "A Russian helicopter crash killed six Norwegian tourists.") == []
    assert _events(coder, "Twelve Nigerian pilgrims were killed by a Saudi bus crash.") == []


def test_what_someone_is_jailed_for_is_alleged(coder):
    events = _events(coder, "A Moroccan court jailed a French citizen for assaulting two Moroccan policemen.")
    assert _triples(events) == [("MAR", "FRA", "17")]


def test_what_is_claimed_is_not_asserted(coder):
    events = _events(coder, "Azerbaijan claimed that Armenian forces shelled Tartar.")
    assert not [e for e in events if e["root"] in ("18", "19")]


def test_a_person_and_a_role_of_his_government_are_two_actors(coder):
    (event,) = _events(coder, "President Uhuru Kenyatta criticised Kenyan officials over the delays.", "2015-06-15")
    assert (event["source"], event["target"], event["root"]) == ("KENGOV", "KENGOV", "11")
    assert event["source_name"] == "Uhuru Kenyatta" and event["target_text"] == "Kenyan officials"


def test_a_yielding_an_act_was_for_is_not_done(coder):
    events = _events(coder, "Ethiopia sent armoured units into Somalia to halt raids on its border towns.")
    assert not [e for e in events if e["root"] == "08"]


def test_a_demand_announced_is_no_threat(coder):
    events = coder.code_text("The Kenyan foreign minister will demand that Uganda withdraw its troops.", "2004-06-15", "t")
    assert [(e["source_country"], e["target_country"], e["code"]) for e in events] == [("KEN", "UGA", "100")]
    assert events[0]["modality"] != "asserted"


# who reports an arrest, what one is held as --------------------------------------------------
def test_an_arrest_with_no_author_named_is_the_reporting_forces(coder):
    (event,) = _events(coder, "Three policemen were charged with torture, the Kenyan police said.")
    assert (event["source"], event["target"], event["root"]) == ("KENCOP", "KENCOP", "17")
    assert "who reports it" in event["evidence"]["source_rule"]


def test_an_attack_is_not_the_act_of_who_reports_it(coder):
    events = _events(coder, "Five people were killed in the blast, Iraqi police said.")
    assert not [e for e in events if e["source"] == "IRQCOP"]


def test_those_held_hostage_are_the_ones_acted_on(coder):
    (event,) = _events(coder, "Two Filipino truckers were held hostage by gunmen in Iraq.")
    assert (event["source"], event["target_country"], event["code"]) == ("IRQREB", "PHL", "181")


def test_an_attacker_of_a_chained_act_is_placed_where_the_first_act_was(coder):
    events = _events(coder, "Gunmen ambushed a convoy outside Kandahar, killing two drivers and injuring seven, "
                            "including three Danish contractors.")
    assert ("AFG", "DNK", "18") in _triples(events)


def test_a_state_frees_its_own_prisoners_but_not_a_named_foreigner(coder):
    (event,) = _events(coder, "Eritrea freed dozens of jailed journalists in an amnesty.")
    assert (event["source"], event["target"], event["code"]) == ("ERI", "ERIMED", "0841")
    assert not [e for e in _events(coder, "Belarus freed the basketball player Tamsin Okafor.")
                if e["target_country"] == "BLR"]


# who speaks for whom; phrases of circumstance -------------------------------------------------
def test_a_spokesman_for_a_leader_is_that_leaders(coder):
    (event,) = _events(coder, "A spokesman for President Uhuru Kenyatta criticised Uganda.", "2015-06-15")
    assert (event["source"], event["target"]) == ("KENGOV", "UGA")
    (envoy,) = _events(coder, "The Ugandan ambassador to Kenya criticised Tanzania.")
    assert envoy["source_country"] == "UGA"


def test_what_an_act_is_in_the_wake_of_is_no_party_to_it(coder):
    events = _events(coder, "Kenya suspended the talks in the wake of a Somali attack in Mogadishu.")
    assert not [e for e in events if e["target_country"] == "SOM"]


def test_what_is_rejected_is_its_owners_not_a_party_named_within_it(coder):
    events = _events(coder, "Kenyan senators rejected President Uhuru Kenyatta's agreement with the European "
                            "Union on trade.", "2015-06-15")
    assert [(e["source"], e["target"], e["root"]) for e in events] == [("KENLEG", "KENGOV", "12")]


def test_what_a_refusal_waits_for_is_not_yet_done_nor_refused(coder):
    events = coder.code_text("Kenya will not lift the ban until Uganda releases the detained Kenyan traders.",
                             "2004-06-15", "t")
    released = [e for e in events if e["source_country"] == "UGA"]
    assert released and all(e["modality"] == "hypothetical" and e["root"] == "08" for e in released)


def test_a_threat_is_towards_whom_the_threatened_act_falls_on(coder):
    events = _events(coder, "Kenya threatened that Kenyan troops would enter Somalia.")
    assert [(e["source_country"], e["target_country"], e["root"]) for e in events] == [("KEN", "SOM", "13")]


def test_a_place_near_a_border_is_not_an_act_on_the_neighbour(coder):
    events = _events(coder, "Insurgents overran a police camp in Niger near the border with Nigeria.")
    assert events and not [e for e in events if e["target_country"] == "NGA"]


def test_a_regional_building_is_placed_where_it_stands(coder):
    events = _events(coder, "Taliban attackers stormed a regional government office in northern Afghanistan.")
    assert _triples(events) == [("AFG", "AFG", "19")]


def test_a_camp_near_a_border_is_not_the_neighbours(coder):
    events = _events(coder, "Bandits looted a police station in Chad near the border with Sudan on Friday.")
    assert events and not [e for e in events if e["target_country"] == "SDN"]


def test_a_thing_acted_on_is_where_its_own_phrase_puts_it(coder):
    events = _events(coder, "Kurdish separatists in Turkey claimed responsibility for the ambush in eastern Iraq.")
    assert ("TUR", "IRQ", "01") in _triples(events)


# conjuncts that share a state; parties addressed but not named ---------------------------------
def test_a_bare_conjunct_shares_the_state_of_the_one_before_it(coder):
    events = _events(coder, "Belarus retaliated by barring six Polish officials and lawmakers from entering "
                            "the country.")
    assert [(e["source_country"], e["target_country"]) for e in events] == [("BLR", "POL")]


def test_one_act_on_a_state_is_one_event_whatever_its_sectors(coder):
    events = _events(coder, "Gunmen ambushed a convoy outside Kandahar, killing two drivers and injuring seven, "
                            "including three Danish engineers, guards and a cook.")
    assert [e["target_country"] for e in events if e["code"] == "182"].count("DNK") == 1


def test_a_conjunct_after_two_states_takes_neither(coder):
    events = coder.code_text("Kenyan and Ugandan officials and traders met in Arusha.", "2008-08-20", "t")
    assert not [e for e in events if e["source"].endswith("BUS") or e["target"].endswith("BUS")]


def test_allies_addressed_are_no_thing_placed_where_they_meet(coder):
    events = _events(coder, "Kenya urged the allies in Addis Ababa to deny Eritrea any arms.")
    assert not [e for e in events if e["target_country"] in ("ETH", "ERI")]
