"""The two SC-WRES action plans of the seeds, transcribed: a children's trust's final plan (actions per
metric, a timescale and "how we will know") and a London borough's plan (per metric, what has been
achieved and what it is working towards). People are named by their roles."""

# --- A children's trust's final SC-WRES action plan (May 2022) ---------------------------------------
TRUST_TITLE = "Social Care WRES Final Action Plan 2022–23"
TRUST_SPONSOR = "Director of Finance and Resources"
TRUST_DESCRIPTION = (
    "The Trust's plan in response to the findings of the WRES metrics data relating to 9 key themes about "
    "our workforce, collated and analysed during 2021, and to our staff workforce survey (August–September "
    "2021). Supported by the Equalities and Diversity Manager, the programme lead (Head of HR) monitors "
    "progress with key stakeholders; formal monitoring and evaluation of progress is provided quarterly to "
    "the Executive Group and/or Board."
)
REVIEW = "Ensure regular ongoing review and analysis of the data"
# (metric keys, theme title, [actions], timescale, how we will know)
TRUST_METRICS = [
    (["1"], "Metric 1: Percentage of black, Asian and ethnic staff in each of the council pay bands compared with the percentage of staff in the rest of the workforce",
     [REVIEW, "Implement a range of development activities and programmes to support staff progression such as coaching and mentoring"],
     "May 2023", "There will be improved levels of staff diversity at all levels in the Trust, particularly at senior grades"),
    (["2"], "Metric 2: Comparative rate of black, Asian and ethnic staff being appointed from shortlisting",
     [REVIEW, "Ensure that interview panels have a diverse make up",
      "Ensure that staff on interview panels receive mandatory equalities training",
      "Increase levels of diverse applicants by (a) actively targeting the ethnic press for vacancies and (b) reviewing the requirements of our recruitment partners"],
     "May 2023", "There will be an increase in the number of applicants from diverse backgrounds being shortlisted for vacancies"),
    (["3"], "Metric 3: Comparative rate of black, Asian and ethnic staff entering the formal disciplinary process",
     [REVIEW, "Ensure that managers receive mandatory equal opportunities and cultural awareness/bias training",
      "Review the current disciplinary policy for consistency and to ensure it does not disadvantage groups of staff"],
     "May 2023", "Any overall figures will reflect and be more proportionate to the workforce and not weighted towards any particular ethnic group"),
    (["4"], "Metric 4: Comparative rate of black, Asian and ethnic staff entering the fitness to practice process",
     [REVIEW, "Ensure that managers receive mandatory equal opportunities and cultural awareness/bias training",
      "Review the current fitness to practice process for consistency and to ensure it does not disadvantage groups of staff"],
     "May 2023", "Any overall figures will reflect and be more proportionate to the workforce and not weighted towards any particular ethnic group"),
    (["5"], "Metric 5: Comparative rate of black, Asian and ethnic staff accessing funded non-mandatory CPD as compared to white staff",
     ["Review the supervision form/process to ensure that CPD is discussed as part of the ongoing supervision process",
      "If CPD is declined the reason(s) for this must be recorded and the member of staff supported with alternative options for learning where possible",
      "Improved oversight of the data by implementing a new mechanism for systematically collecting this data (the Trust's new HR system supports the collation of this information from April 2022)"],
     "May 2023", "A more skilled workforce with fair and equitable access to non-mandatory CPD"),
    (["6"], "Metric 6: Percentage of black, Asian and ethnic staff experiencing harassment, bullying or abuse from children, families or their relatives, or the public in last 12 months",
     [REVIEW, "Encourage staff reporting via current incident reporting system",
      "Reinforce to managers, their responsibilities for staff wellbeing, by ensuring that this is discussed in team and supervision meetings",
      "Support for staff experiencing racial discrimination, violence and aggressive behaviour as part of our wellbeing offer"],
     "May 2023", "Staff have confidence in reporting incidents"),
    (["7a", "7b"], "Metric 7: Percentage of black, Asian and ethnic staff experiencing harassment, bullying or abuse in the last 12 months from a. colleagues b. managers",
     [REVIEW, "Encourage reporting via current incident reporting system",
      "Remind managers of their obligations for staff wellbeing by ensuring this is raised at ongoing one-to-one and supervision meetings",
      "Pastoral support is available to all staff as part of our wellbeing offer and this is communicated to the workforce",
      "Improved oversight of incidents/data to ensure that repeated patterns of behaviour are addressed"],
     "May 2023", "Staff have confidence in reporting incidents and repeated patterns of behaviour are addressed"),
    (["8"], "Metric 8: Comparative rate of black, Asian and ethnic employees leaving the organisation during the last year",
     ["Encourage take up of exit interviews/exit questionnaires by raising staff awareness", REVIEW,
      "Involvement of HR where repeated patterns of behaviour are identified with the same member of staff, team or service area in line with existing HR processes"],
     "May 2023", "Better staff retainment rates"),
    (["9"], "Metric 9: Percentage difference between organisations' senior management membership and its overall workforce",
     [REVIEW, "Increase levels of diverse applicants by encouraging applications from current workforce and actively targeting ethnic press for vacancies",
      "Implement a range of Learning & Development activities and programmes to support staff progression such as coaching, mentoring and talent management schemes"],
     "May 2023", "A senior management team that is reflective of and correlates to the city's demography"),
]
# Lead officers as the plan's abbreviations stand for them (its working group list names roles).
TRUST_LEAD = "Head of HR"

# --- A London borough's SC-WRES action plan, Children's Services --------------------------------------
BOROUGH_TITLE = "Social Care Workforce Race Equality Standard Action Plan, Children's Services"
BOROUGH_SPONSOR = "Chair of the Children's Services Equality, Diversity and Inclusion Forum"
BOROUGH_DESCRIPTION = (
    "Our data showed that Black, Asian and Minority Ethnic staff are overrepresented in the lower pay "
    "brackets and underrepresented in the higher ones. For each of the nine metrics, what we have achieved "
    "and what we are working towards. Where we did not have a tracking process in 2021, we say so."
)
# (metric keys, title, no-data note or "", [achieved], [working towards])
BOROUGH_METRICS = [
    (["1"], "Metric 1: Black, Asian and Minority Ethnic staff in each pay band", "",
     ["Promoted staff completion of protected characteristic data in induction by managers",
      "Sponsored places on the BALI (Black and Asian Leadership Initiative) Programme"],
     ["Continue to decrease 'not known' data to ensure our reporting is more accurate",
      "Ensure that secondment opportunities specifically target applications from Black, Asian and Minority Ethnic staff",
      "Provide mentoring for aspiring Black, Asian and Minority Ethnic leaders",
      "Continue to sponsor staff on the BALI Programme each year"]),
    (["2"], "Metric 2: Appointed from shortlisting", "",
     ["Developed a reporting mechanism to ensure interview panels have diverse interviewers (91% of 47 panels between November 2021 and April 2022 included Black, Asian and Minority Ethnic panel members)",
      "All recruitment adverts explicitly encourage applications from those that are underrepresented including Black, Asian and Minority Ethnic communities",
      "All senior recruitment adverts remain open until we have a diverse mix of applicants"],
     ["Report on diversity of recruitment panels to our Workforce Board",
      "Black, Asian and Minority Ethnic candidates to be shortlisted for every role (where there are applications)"]),
    (["3"], "Metric 3: Entering the formal disciplinary process", "",
     ["Developed a pilot project on workforce conflict resolution, training managers to coach for improvement and avoid formal disciplinary processes",
      "Delivered training for managers on Managing Performance Capability",
      "Delivered managers' drop-in sessions for HR advice and support on staff capability issues"],
     ["Deliver the pilot on workforce conflict resolution and ensure performance coaching is explored before formal action is taken"]),
    (["4"], "Metric 4: Entering the fitness to practise process",
     "We do not have data to report from 2021 as we did not have a tracking process in place at that time.",
     [], ["Establish a Fitness to Practice tracking process that can report on referrals by ethnicity"]),
    (["5"], "Metric 5: Accessing funded non-mandatory CPD",
     "We do not have data to report from 2021 as we did not have a tracking process in place at that time.",
     ["Established a tracking process",
      "Selected candidates to our first Social Work Apprenticeship programme (66% of successful candidates are Black, Asian and Minority Ethnic)"],
     ["Feasibility of reporting on all staff training by ethnicity",
      "Track and report on take up of secondments by Black, Asian and Minority Ethnic staff"]),
    (["6"], "Metric 6: Harassment, bullying or abuse from the public",
     "We do not have data to report from 2021 as we did not have a tracking process in place at that time.",
     ["Created a Safe Space group for Black, Asian and Minority Ethnic staff to discuss and focus on solutions to address equality and discrimination",
      "An Unreasonable Customer Behaviour Policy has been created and promoted to staff"],
     ["Run regular race equality Tea Breaks for all staff to focus on issues of equality and diversity",
      "Zero tolerance approach to harassment and unacceptable behaviour",
      "Increase awareness of how staff can raise concerns in and outside of line management and how this will be investigated"]),
    (["7a", "7b"], "Metric 7: Harassment, bullying or abuse from colleagues or managers",
     "We do not have data to report from 2021 as we did not have a tracking process in place at that time.",
     [], ["Run regular race equality Tea Breaks for all staff, with a zero tolerance approach to harassment and unacceptable behaviour between colleagues"]),
    (["8"], "Metric 8: Leaving the organisation", "",
     ["Meet with all new starters as they enter the organisation and again within three months so difficulties are identified early and addressed"],
     ["Undertake 'stay' and 'exit' interviews to better understand staff experiences and take action"]),
    (["9"], "Metric 9: Senior management compared with the overall workforce", "",
     ["A talent initiative to tackle racial inequality has been designed and approved by the Workforce Board",
      "Sponsored places on the BALI Programme and Black on Board Programme",
      "Held 'Let's Talk About Race and Culture' sessions for all staff"],
     ["Launch of our Talent Initiative in summer 2022"]),
]
