"""A London borough's SC-WRES action plan for Children's Services, transcribed from the seed (001_*.txt).

Per metric the plan says what its data showed (or that there was no tracking process yet), "what we've
achieved" and "what we're working towards". Each metric is a theme (what the data showed is its
objective); each line is an action: an achieved one has the deadline text "Achieved" (read as complete)
and a working-towards one "Ongoing", because the plan gives no dates, except where its line names a time
("in summer 2022"). The plan names no lead officers, so its actions have none. People are named by
their roles; the text is as written.
"""

TITLE = "Social Care Workforce Race Equality Standard Action Plan, Children's Services"
SPONSOR = "Director of Children's Services"
DESCRIPTION = (
    "We are serious about tackling racial inequality in our workforce. In 2021 we joined a national pilot of the "
    "Social Care Workforce Race Equality Standard (SC-WRES). This means we now have the data which tells us exactly "
    "where our disproportionality is and a set of 9 metrics (areas to develop) to tackle this inequality and become "
    "the employer we want to be. This action plan is our commitment to change. Please note that the data used "
    "include all staff on the Children's Services payroll, as requested by the Department of Health and Social Care."
)

PAY_BRACKETS = ("Our data showed that Black, Asian and Minority Ethnic staff are overrepresented in the lower pay "
                "brackets and underrepresented in the higher pay brackets.")
NO_DATA = ("We do not have data available to report from 2021 as we did not have a tracking process in place at "
           "that time.")
SAFE_SPACE = ("We have created a Safe Space group for Black, Asian and Minority Ethnic staff to have open discussions "
              "and focus on solutions to address equality and discrimination")
TEA_BREAKS = ("We will run regular race equality Tea Breaks for all staff to come together to focus on issues of "
              "equality and diversity")
ZERO_TOLERANCE = "Zero tolerance approach to harassment and unacceptable behaviour"
RAISE_CONCERNS = ("Increase awareness of how staff can raise concerns in and outside of line management route and "
                  "how this will be investigated")

# Each metric: keys (plans.models.Metric), title as the plan words it, what the data showed,
# [what we've achieved], [(what we're working towards, deadline text)].
METRICS = [
    {"keys": ["1"],
     "title": "METRIC 1: Percentage of Black, Asian and Minority Ethnic staff in each of the council pay bands "
              "compared with the percentage of staff in the rest of the workforce",
     "data": PAY_BRACKETS + " Using information from HR database",
     "achieved": ["Promoted staff completion of protected characteristic data in induction by managers",
                  "Sponsored places on the BALI (Black and Asian Leadership Initiative) Programme"],
     "working_towards": [
         ("Continue to decrease \"not known\" data to ensure our reporting is more accurate", "Ongoing"),
         ("Ensure that secondment opportunities will specifically target applications from Black, Asian and "
          "Minority Ethnic staff", "Ongoing"),
         ("Provide mentoring for aspiring Black, Asian and Minority Ethnic leaders", "Ongoing"),
         ("Continue to sponsor staff on the BALI Programme each year", "Ongoing"),
     ]},
    {"keys": ["2"],
     "title": "METRIC 2: Comparative rate of Black, Asian and Minority Ethnic staff being appointed from shortlisting",
     "data": PAY_BRACKETS,
     "achieved": ["Developed a reporting mechanism to ensure interview panels have diverse interviewers",
                  "A total of 47 interview panels took place between 1 November 2021 and 30 April 2022, 91% of these "
                  "included panel members who were of Black, Asian and Minority Ethnic background.",
                  "All recruitment adverts explicitly encourage applications from those that are underrepresented "
                  "including Black, Asian and Minority Ethnic communities",
                  "All senior recruitment adverts remain open until we have a diverse mix of applicants"],
     "working_towards": [
         ("Report on diversity of recruitment panels to our Workforce Board", "Ongoing"),
         ("Black, Asian and Minority Ethnic candidates to be shortlisted for every role (where there are "
          "applications)", "Ongoing"),
     ]},
    {"keys": ["3"],
     "title": "METRIC 3: Comparative rate of Black, Asian and Minority Ethnic staff entering the formal disciplinary "
              "process",
     "data": "Our data identified that there is a disproportionate number of staff from a Black, Asian and Minority "
             "Ethnic background entering the disciplinary process.",
     "achieved": ["Developed a pilot project on workforce conflict resolution which includes training managers on "
                  "conflict resolution techniques to coach for improvement and avoid formal disciplinary processes",
                  "Delivered training for managers on Managing Performance Capability",
                  "Delivered managers drop-in sessions to receive HR consultancy, advice and support on staff "
                  "capability issues"],
     "working_towards": [
         ("Deliver the pilot on workforce conflict resolution and ensure performance coaching is explored before "
          "formal action is taken", "Ongoing"),
     ]},
    {"keys": ["4"],
     "title": "METRIC 4: Comparative rate of Black, Asian and Minority Ethnic staff entering the fitness to practice "
              "process",
     "data": NO_DATA,
     "achieved": [],
     "working_towards": [
         ("Establish a Fitness to Practice tracking process that can report on referrals by ethnicity", "Ongoing"),
     ]},
    {"keys": ["5"],
     "title": "METRIC 5: Comparative rate of Black, Asian and Minority Ethnic staff accessing funded non-mandatory "
              "Continued Professional Development as compared to white staff",
     "data": NO_DATA,
     "achieved": ["Established a tracking process",
                  "Selected candidates to our first Social Work Apprenticeship programme and 66% of successful "
                  "candidates are Black, Asian and Minority Ethnic"],
     "working_towards": [
         ("Feasibility of reporting on all staff training by ethnicity", "Ongoing"),
         ("Track and report on take up of secondments by Black, Asian and Minority Ethnic staff", "Ongoing"),
     ]},
    {"keys": ["6"],
     "title": "METRIC 6: Percentage of Black, Asian and Minority Ethnic staff experiencing harassment, bullying or "
              "abuse from patients, relatives, or the public in last 12 months",
     "data": NO_DATA,
     "achieved": [SAFE_SPACE, "An Unreasonable Customer Behaviour Policy has been created and promoted to staff"],
     "working_towards": [(TEA_BREAKS, "Ongoing"), (ZERO_TOLERANCE, "Ongoing"), (RAISE_CONCERNS, "Ongoing")]},
    {"keys": ["7a", "7b"],
     "title": "METRIC 7: Percentage of Black, Asian and Minority Ethnic staff experiencing harassment, bullying or "
              "abuse in the last 12 months from: Colleagues or Managers",
     "data": NO_DATA,
     "achieved": [SAFE_SPACE],
     "working_towards": [(TEA_BREAKS, "Ongoing"), (ZERO_TOLERANCE, "Ongoing"), (RAISE_CONCERNS, "Ongoing")]},
    {"keys": ["8"],
     "title": "METRIC 8: Comparative rate of Black, Asian and Minority Ethnic employees leaving the organisation "
              "during the last year",
     "data": "Our data identified that there is a disproportionate number of staff from a Black, Asian and Minority "
             "Ethnic background leaving the organisation.",
     "achieved": ["Meet with all new starters as they enter the organisation and again within three months to ensure "
                  "staff are well supported and any difficulties and issues are identified early and addressed"],
     "working_towards": [
         ("We will undertake 'stay' and 'exit' interviews to better understand staff experiences and take action",
          "Ongoing"),
     ]},
    {"keys": ["9"],
     "title": "METRIC 9: Percentage difference between organisations' senior management membership and its overall "
              "workforce",
     "data": PAY_BRACKETS,
     "achieved": ["A talent initiative to tackle racial inequality has been designed and approved by the Workforce board",
                  "Sponsored places on the BALI (Black and Asian Leadership Initiative) Programme and Black on Board "
                  "Programme",
                  "Held \"Lets Talk About Race and Culture\" sessions for all staff"],
     "working_towards": [("Launch of our Talent Initiative in summer 2022", "Summer 2022")]},
]
