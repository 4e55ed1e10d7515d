"""A children's trust's final SC-WRES action plan (May 2022), transcribed from the seed (002_*.txt).

Per metric: the actions, the timescale to start seeing a change and "how we will know" (each line a
success measure). The plan's WRES themes give each metric theme its objective and its lead (the
interim plan names leads by abbreviation: HoS/HR is the Head of HR, L&DM the Learning & Development
Manager). The two "other actions" of the plan have no timescale and no metric. People are named by
their roles; the text is as written (one typo put right: "It CPD is declined" reads "If"; the
embedded spreadsheets of metrics 1 and 4 are left out).
"""

TITLE = "Social Care WRES Final Action Plan, May 2022"
SPONSOR = "Director of Finance and Resources"
PROGRAMME_LEAD = "Head of HR"
APPROVED_BY = "Director of Finance and Resources"
DESCRIPTION = (
    "This report represents the Trust's plan in response to the findings of WRES metrics data relating to 9 key "
    "themes about our workforce which was collated and analysed during 2021. Supported by the Equalities and "
    "Diversity Manager the LA Programme lead will regularly monitor progress with key stakeholders throughout the "
    "Trust. Formal monitoring and evaluation of the progress of this plan will be provided on a quarterly basis "
    "to the Executive Group and/or Board. Staff Voice Lead: WRES Leads Working Group."
)

# The plan's WRES themes and their objectives, by metric: (WRES theme, objective, lead).
LEADERSHIP = ("Leadership (Metric 1 and 9)",
              "Ensure equality and inclusion is represented across all staff grades within BCT", "Head of HR")
RECRUITMENT = ("Recruitment and retention (Metric 2 and 8)",
               "Systematically utilise exit interview feedback to improve recruitment and retention rates for staff "
               "who are from a black, Asian or ethnic background", "Head of HR")
LEARNING = ("Learning and career development (Metric 5)",
            "Identify, record and monitor non-mandatory CPD to ensure fair and equitable access to training and "
            "development", "Learning & Development Manager")
CULTURE = ("Culture and staff experience (Metric 3, 4, 6 and 7)",
           "Encourage the reporting of all incidents of race discrimination including the harassment, bullying or "
           "abuse of staff and ensure that we actively monitor and respond to these", "Head of HR")

REVIEW = "Ensure regular ongoing review and analysis of the data"
SAME_PROPORTION = ("Any overall figures will reflect and be more proportionate to the workforce and not weighted "
                   "towards any particular ethnic group")

# Each metric: keys (plans.models.Metric), the metric as the plan words it, its WRES theme, [actions],
# timescale as written, [how we will know].
METRICS = [
    {"keys": ["1"], "theme": LEADERSHIP,
     "title": "METRIC 1: Percentage of black, Asian and ethnic staff in each of the council pay bands compared with "
              "the percentage of staff in the rest of the workforce",
     "actions": [REVIEW, "Implement a range of development activities and programmes to support staff progression "
                         "such as coaching and mentoring"],
     "timescale": "May 2023",
     "how": ["There will be improved levels of staff diversity at all levels in the Trust, particularly at senior grades"]},
    {"keys": ["2"], "theme": RECRUITMENT,
     "title": "METRIC 2: Comparative rate of black, Asian and ethnic staff being appointed from shortlisting",
     "actions": [REVIEW, "Ensure that interview panels have a diverse make up",
                 "Ensure that staff on interview panels receive mandatory equalities training",
                 "Increase levels of diverse applicants by (a) actively targeting the ethnic press for vacancies and "
                 "(b) reviewing the requirements of our recruitment partners"],
     "timescale": "May 2023",
     "how": ["There will be an increase in the number of applicants from diverse backgrounds being shortlisted for "
             "vacancies"]},
    {"keys": ["3"], "theme": CULTURE,
     "title": "METRIC 3: Comparative rate of black, Asian and ethnic staff entering the formal disciplinary process",
     "actions": [REVIEW, "Ensure that managers receive mandatory equal opportunities and cultural awareness/bias training",
                 "Review the current disciplinary policy for consistency and to ensure it does not disadvantage groups "
                 "of staff"],
     "timescale": "May 2023",
     "how": [SAME_PROPORTION]},
    {"keys": ["4"], "theme": CULTURE,
     "title": "METRIC 4: Comparative rate of black, Asian and ethnic staff entering the fitness to practice process",
     "actions": [REVIEW, "Ensure that managers receive mandatory equal opportunities and cultural awareness/bias training",
                 "Review the current fitness to practice process for consistency and to ensure it does not "
                 "disadvantage groups of staff"],
     "timescale": "May 2023",
     "how": [SAME_PROPORTION]},
    {"keys": ["5"], "theme": LEARNING,
     "title": "METRIC 5: Comparative rate of black, Asian and ethnic staff accessing funded non-mandatory CPD as "
              "compared to white staff",
     "actions": ["Review the supervision form/process to ensure that CPD is discussed as part of the ongoing "
                 "supervision process",
                 "If CPD is declined the reason(s) for this must be recorded and the member of staff supported with "
                 "alternative options for learning where possible",
                 "Improved oversight of the data by implementing a new mechanism for systematically collecting this "
                 "data. Note: The Trust's new HR system will support the collation of this information from April 2022"],
     "timescale": "May 2023",
     "how": ["A more skilled and fluid workforce, especially with regard to specialist areas of work",
             "Staff can aspire for promotion/progress within the organisation",
             "The Trust advertises all vacancies to its workforce instead of relying on external applicants"]},
    {"keys": ["6"], "theme": CULTURE,
     "title": "METRIC 6: Percentage of black, Asian and ethnic staff experiencing harassment, bullying or abuse from "
              "children, families or their relatives, or the public in last 12 months",
     "actions": [REVIEW, "Encourage staff reporting via current incident reporting system",
                 "Reinforce to managers, their responsibilities for staff wellbeing, by ensuring that this is discussed "
                 "in team and supervision meetings",
                 "Support for staff experiencing racial discrimination, violence and aggressive behaviour as part of "
                 "our wellbeing offer"],
     "timescale": "May 2023",
     "how": ["Staff have confidence in reporting incidents and have a good level of pastoral care and support"]},
    {"keys": ["7a", "7b"], "theme": CULTURE,
     "title": "METRIC 7: Percentage of black, Asian and ethnic staff experiencing harassment, bullying or abuse in the "
              "last 12 months from a. Colleague b. Manager",
     "actions": [REVIEW, "Encourage reporting via current incident reporting system",
                 "Remind managers of their obligations for staff wellbeing by ensuring this is raised at ongoing "
                 "one-to-one and supervision meetings",
                 "Pastoral support is available to all staff as part of our wellbeing offer and this is communicated "
                 "to the workforce",
                 "Improved oversight of incidents/data to ensure that repeated patterns of behaviour is addressed "
                 "through existing HR processes"],
     "timescale": "May 2023",
     "how": [SAME_PROPORTION]},
    {"keys": ["8"], "theme": RECRUITMENT,
     "title": "METRIC 8: Comparative rate of black, Asian and ethnic employees leaving the organisation during the "
              "last year",
     "actions": ["Encourage take up of exit interviews/exit questionnaires by raising staff awareness", REVIEW,
                 "Involvement of HR where repeated patterns of behaviour are identified with the same member of staff, "
                 "team or service area in line with existing HR processes"],
     "timescale": "May 2023",
     "how": ["Better staff retainment rates"]},
    {"keys": ["9"], "theme": LEADERSHIP,
     "title": "METRIC 9: Percentage difference between organisations' senior management membership and its overall "
              "workforce",
     "actions": [REVIEW, "Increase levels of diverse applicants by encouraging applications from current workforce "
                         "and actively targeting ethnic press for vacancies",
                 "Implement a range of Learning & Development activities and programmes to support staff progression "
                 "such as coaching, mentoring and talent management schemes"],
     "timescale": "May 2023",
     "how": ["A senior management team that is reflective of and correlates to the city's demography"]},
]

# "Please detail any other action / activities that you will roll out to support the SCWRES"
OTHER_TITLE = "Other actions and activities to support the SCWRES"
OTHER_ACTIONS = [
    "Increased levels of communications to all staff",
    "Ongoing engagement with black, Asian and ethnic staff via the Equalities Forum",
]
