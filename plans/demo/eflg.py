"""A unitary council's Equality Improvement Plan (September 2022), against the Equality Framework
for Local Government: four sections, each with its aspirations, a lead officer (a role title) and rows of
evidence / gaps / by when / responsible / RAG, transcribed from the seed document (004_*.txt).

How the Word table is read:
- each row's "what needs to be done" is one action; its RAG is the action's first status ("" = none given);
- a blank evidence cell continues the row above (a merged cell), so the row carries that evidence;
- a row with only evidence (the table split across a page) opens the evidence of the row below;
- a row with no gap recorded keeps an empty "gap": the loader titles the action with its evidence;
- tags: "race" where the gap is about race or ethnicity (the document highlights them in blue, which
  plain text loses), "gender pay gap" for the rows of the Gender Pay Gap report (highlighted in green).
Names of people are replaced by their roles; everything else is as written, typos included.
"""

TITLE = "Equality Improvement Plan, September 2022"

SECTIONS = [{'number': 1,
  'title': 'Leadership and organisational commitment to equality and diversity',
  'lead': 'Chief Executive',
  'aspirations': '· Our political and executive leaders demonstrate personal knowledge and understanding of '
                 'local communities and show commitment to reducing inequality\n'
                 '· There is a coherent, shared vision of equality for the B&NES area, with clear priorities '
                 'which have been agreed and understood by all key stakeholders, including the voluntary and '
                 'community sector.\n'
                 '· Equality analysis/ impact assessment is integrated systematically into planning and '
                 'decision making across the council\n'
                 '· Specific and measurable equality objectives have been integrated into our key strategies '
                 'and plans and action is being taken to achieve them. Outcomes are measured and monitored '
                 'regularly by senior leaders.\n'
                 '· The setting and monitoring of equality objectives is subject to challenge, including '
                 'through any organisational bodies or groups and the political Policy Development and '
                 'Scrutiny (PDS) process',
  'rows': [{'evidence': 'Structures in place:\n'
                        'Corporate EDI group (CEDIS) – comprises senior leaders from across the organisation '
                        '– and chaired by Chief Executive shows clear senior buy in. Elected members also '
                        'attend.',
            'gap': 'Increase diversity of membership of the Corporate Equality Diversity and Inclusion '
                   'Steering Group.',
            'by_when': '',
            'responsible': 'Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Structures in place:\n'
                        'Corporate EDI group (CEDIS) – comprises senior leaders from across the organisation '
                        '– and chaired by Chief Executive shows clear senior buy in. Elected members also '
                        'attend.',
            'gap': 'Consider and address training needs of the group -Inclusive Leadership Training has been '
                   'arranged to be delivered by The Diversity Trust for CEDIS members.\n'
                   'Review potential ongoing training needs',
            'by_when': 'Nov 2022 & Ongoing',
            'responsible': 'CEDIS Equalities Team/Director of People and Policy',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Plans in place:\n'
                        'Equality Objectives and Equality Improvement Plan have been developed',
            'gap': 'The Equality Improvement Plan has been agreed at CEDIS; Identified CEDIS group members '
                   'have taken responsibility for defined areas of the plan; Regular updates and progress '
                   'reports to be given to CEDIS group.',
            'by_when': 'November 2022',
            'responsible': 'CEDIS Group',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Plans in place:\n'
                        'Equality Objectives and Equality Improvement Plan have been developed',
            'gap': 'The Equality Improvement Plan to be shared across the organisation and public through '
                   'publication on the website',
            'by_when': '',
            'responsible': 'CEDIS Group',
            'rag': 'G',
            'tags': []},
           {'evidence': 'The Corporate Strategy has equality considerations incorporated within it and was '
                        'presented to IEAG.',
            'gap': 'Review the Council’s main organisational plans and strategies to integrate with Equality '
                   'Improvement Plan (Strategic Evidence base to be refreshed with new population statistics '
                   'with Census data, reliant on office for national statistic s release date during 2023)',
            'by_when': '2023',
            'responsible': 'Business Intelligence/ Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Key leaders appointed for equalities:\n'
                        'We have Director sponsors of worker groups (the Director of People and Policy is '
                        'the lead for Domestic abuse). We have a lead member for equalities (the Cabinet '
                        'Member for Equalities, who also attends CEDIS), and a new elected Member role '
                        'specialising in access issues',
            'gap': 'Invite Member advocate for access to the CEDIS group and Lead Member for equalities to '
                   'the Diversity Trust Training',
            'by_when': 'Nov 2022',
            'responsible': 'Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We communicate about equality:\n'
                        'We maintain a positive narrative around equality – key equality events are '
                        'highlighted to staff and members of the public (e.g. Black History Month, LGBTQ+ '
                        'History month, International Women’s Day etc.)',
            'gap': 'Review equality calendar to ensure all Protected Characteristics are covered in the\n'
                   'events we highlight and promote (with reference to Communication teams calendar).',
            'by_when': 'Ongoing',
            'responsible': 'Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We have made use of FAQ pages used as myth busting on public interest projects',
            'gap': 'Share more celebrating success stories internally and externally about the work that has '
                   'been done. Share messages of support when key events happen locally, nationally or '
                   'internationally (Queen’s death, Black History Month 2022)',
            'by_when': 'Ongoing',
            'responsible': 'Chief Executive/Leader/ Equalities Team',
            'rag': 'A',
            'tags': ['race']},
           {'evidence': 'We look for equalities impacts:\n'
                        'Equality Impact Assessments are carried out using the council’s own template. The '
                        'Report Template now ensures officers make reference to the EQIA and complete one if '
                        'proportionate.\n'
                        'An EIA appendix is always included within the council’s budget reports, and this '
                        'aims to capture cumulative impacts',
            'gap': 'Set timetable for Equality Team to be included at the early stages of service planning '
                   'and budget setting so equality analysis is an integral part of decision making not just '
                   'a final check.\n'
                   'EQIA template for budgets is available\n'
                   'All budget plans must now include a completed EQIA.',
            'by_when': '',
            'responsible': 'Equalities Team Finance Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We make sure members and officers are trained:\n'
                        'LT/MT Group had an opportunity to attend AR training. Training on equalities '
                        'available for all staff. Members have been encouraged to complete LGA online '
                        'equalities training. Political group reps attended AR staff training.',
            'gap': 'A strategy is in place for induction training, including mandatory equalities training, '
                   'for elected members from the 2023 intake',
            'by_when': 'April 2023',
            'responsible': 'Democratic Services Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We scrutinise our work:\n'
                        'Policy Development and Scrutiny - PDS panels have received equality reports and '
                        'briefings (e.g. on Budget scrutiny from an equality perspective)',
            'gap': 'Present the Equality Improvement Plan to the Corporate PDS panel and thereafter make '
                   'annual reports on progress.\n'
                   '(Section Leads to report to PDS)',
            'by_when': 'Sept 2022 & Ongoing',
            'responsible': 'Democratic Services Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Corporate PDS panel receives the equality appendix in relation to budget setting '
                        'annually.',
            'gap': 'Schedule in full Council Equalities update, (Reporting back on BLM, Race Panel, CEDIS, '
                   'Improvement Plan, Training, Disability Access, Refugee Resettlement)',
            'by_when': 'Nov 2022',
            'responsible': 'Democratic Services Equalities Team',
            'rag': 'A',
            'tags': ['race']}]},
 {'number': 2,
  'title': 'Understanding and working with our communities',
  'lead': 'Director of Education and Safeguarding',
  'aspirations': '· Information about the local communities and their protected characteristics is being '
                 'gathered and shared across the organisation and with partners\n'
                 '· Data is disaggregated and analysed to support the assessment of local need, impacts of '
                 'changes to services and priorities\n'
                 '· Engagement mechanisms and structures are in place to involve equality stakeholders and '
                 'scrutinise service delivery, decision making and progress.\n'
                 '· The organisation engages with all its communities when making decisions, including those '
                 'with protected characteristics\n'
                 '· The organisation and its partners understand and monitor relations between different '
                 'communities, and plan and deliver activities that foster good relations\n'
                 '· Local people are encouraged to participate in public life or in other activities where '
                 'they are under-represented.',
  'rows': [{'evidence': 'We collect and share information:\n'
                        'The Council has published its Strategic Evidence Base (SEB) for Bath and North East '
                        'Somerset. This fulfils the statutory duty to undertake a joint strategic needs '
                        'assessment of local health and care needs.',
            'gap': 'The SEB is published and will be iterated as new intelligence is made available',
            'by_when': 'Ongoing',
            'responsible': 'Business Insight/ Research and Intel Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'The Council has Memorandums of Understanding in place between statutory partners '
                        '(and others) regarding data sharing protocols.',
            'gap': 'Equality related data/data related to protected characteristics is largely based upon '
                   'the last Census (2011) and is therefore quite out of date. Detailed demographic during '
                   '2023 and updates to the SEB will be released following that.',
            'by_when': '2023',
            'responsible': 'Business Intelligence Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We analyse and use data:\n'
                        'The Council uses evidence-based commissioning practices (see Service delivery '
                        'section 3.) and we use information and data to inform our priorities/service design',
            'gap': 'We need to review and revise our EQIA template and guidance to emphasise the importance '
                   'of referring to data and new legislation',
            'by_when': 'Ongoing',
            'responsible': 'Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Our report template for decision making now triggers officers to engage with the '
                        'Equality Impact Assessment process e.g. mapping gaps',
            'gap': 'The use of EQIAs provides essential equalities evidence required at the commencement of '
                   'effective commissioning and procurement practices. CEDIS review practice as a regular '
                   'agenda item.',
            'by_when': 'Ongoing',
            'responsible': 'CEDIS members',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We have engagement mechanisms and structures in place\n'
                        'Giving people a bigger say’ is one of our corporate priorities and we have a '
                        'dedicated Communities Team that supports community engagement.',
            'gap': 'We have ensured that new Community Engagement Guidance that accompanies the Community '
                   'Engagement Charter has equality issues and considerations embedded within in',
            'by_when': 'complete',
            'responsible': 'Communities Team/ Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Our Community Engagement Charter (approved in Feb 2020) is part of the Corporate '
                        'Strategy (thus reviewed every 4 years). New guidance has been developed in relation '
                        'to community consultation.',
            'gap': 'Guides are available for staff on the intranet and a training programme is currently '
                   'being developed '
                   'https://intranet.bathnes.gov.uk/our-community-engagement-framework-%E2%80%93-stakeholder-mapping',
            'by_when': 'complete',
            'responsible': 'Communities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Our EQIA process contains a section relating to consultation.',
            'gap': 'We need to improve our feedback. Our new Community Engagement Guidance include '
                   'recommendations on how to feed back after consultations, and where to post results. To '
                   'review at next CEDIS meeting (Nov 22)',
            'by_when': 'Under development',
            'responsible': 'Corporate Comms Team Communities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We actively encourage people from protected groups to take part in consultations '
                        'and decision making\n'
                        'We carry out specialist engagement where needed (e.g. Accessibility Study, Bath '
                        'City Centre Security proposals 2021)',
            'gap': 'We need to incorporate guidelines on how to engage with seldom heard groups/those with '
                   'protected characteristics within the forthcoming Community Engagement Guidance',
            'by_when': '',
            'responsible': 'Communities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Equalities Forums help scrutinise our work/service plans (appendix 2)',
            'gap': 'We need to review the terms of reference for the groups',
            'by_when': 'Nov 22',
            'responsible': 'Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We have an Equality Groups page on website for groups to consult with.',
            'gap': 'To be reviewed and update',
            'by_when': 'Oct 22',
            'responsible': 'Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We use a range of different consultation methods and formats for consultation (e.g. '
                        'paper surveys, online, stakeholder meetings)',
            'gap': 'We need a more consistent approach to the consultation methods we use. Some use '
                   'E-consult, Mail Chimp, Survey monkey etc. New guidance on Community Consultation to '
                   'include recommended consultation methodologies.\n'
                   'Training is being developed through a range of formats',
            'by_when': 'Nov 22',
            'responsible': 'Communities Team/Highways and Traffic/Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We are tackling racism and fostering good community relations:\n'
                        'A Race Equality Schools task force has been set up and includes partners '
                        'organisations (SARI, BFESG) schools and council officers',
            'gap': 'Key issues arising from the Race Equality Schools Task Force to be shared with CEDIS and '
                   'actions incorporated into this improvement plan.',
            'by_when': 'Ongoing',
            'responsible': 'Director of Education',
            'rag': 'G',
            'tags': ['race']},
           {'evidence': 'We have set up a Race Panel made up of members of the local Community, Chaired by '
                        'the Cabinet Member for Equalities',
            'gap': 'The group has carried out a number of work streams to address racism in schools.\n'
                   'The Race Charter is active. https://beta.bathnes.gov.uk/race-equality-charter-schools '
                   'The race panel has been working on a number of projects including raising awareness of '
                   'Bath’s links to the International Slave Trade. Race Panel progress to be shared with '
                   'CEDIS and actions incorporated into this improvement plan.',
            'by_when': 'Ongoing',
            'responsible': 'Member for Equalities',
            'rag': 'G',
            'tags': ['race']},
           {'evidence': 'We work in partnership with Ethnic Minority led/focused organisations.',
            'gap': 'Continue to work in partnership (e.g on projects related to Black History Month; '
                   'Webinars relating to Bath’s history; Films relating to BLM).\n'
                   'The Ethnic Minority Staff Network are leading on celebrating ‘Success Stories’ of Black '
                   'people who live in, work in or visit B&NES (Oct 22)',
            'by_when': 'Ongoing',
            'responsible': 'Equalities Team',
            'rag': 'G',
            'tags': ['race']},
           {'evidence': 'We have a Strategic Partnership Against Hate Crime with Police, SARI, CURO etc. '
                        'This group receives data on incidents, which is analysed and acted upon.',
            'gap': 'Summary reports on hate crime to be taken to the CEDIS group',
            'by_when': 'Ongoing',
            'responsible': 'Community Safety',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We monitor and provide support to schools in respect of Serious Equality Incidents.',
            'gap': 'Continue to encourage schools to engage with local services e.g. SARI, SPACE LGBTQ+ '
                   'Youth group.',
            'by_when': 'Ongoing',
            'responsible': 'Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We involve local people, including underrepresented groups, in opportunities for '
                        'public participation.\n'
                        'We have Policy Development Scrutiny panels, and PDS Enquiry days.',
            'gap': 'We will encourage participation of a wide cross section of adults and young people in '
                   'panels that will replace the Area Forums.',
            'by_when': 'Ongoing',
            'responsible': 'Communities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Responding to the recommendations in the Avon and Somerset Identifying '
                        'Disproportionality report',
            'gap': 'The report has been widely disseminated locally and the YOS Management Board is '
                   'overseeing the local response. Some of the issues are being followed up by the task and '
                   'finish group on permanent exclusions, led by the Head of Inclusion and we have raised '
                   'the need for ethnicity recording to be based on the 18+1 categories across all our '
                   'systems. We await further guidance from the Avon and Somerset Criminal Justice Board '
                   'about the introduction of a group to oversee the youth recommendations. Overall, the '
                   'response is being led by the Chief Constable',
            'by_when': 'Ongoing',
            'responsible': 'YOS Management Board',
            'rag': 'G',
            'tags': ['race']},
           {'evidence': 'The recently established Race Panel is providing a way for community members to '
                        'engage with us in respect of race equality issues.',
            'gap': 'A Twitter account will be set up for the Race Panel and a member of the group will '
                   'receive social media training',
            'by_when': 'TBC',
            'responsible': 'Race Panel Comms Team',
            'rag': '',
            'tags': ['race']},
           {'evidence': 'Throughout the pandemic we have developed ways of engaging through Webinars, and '
                        'have managed to reach many protected groups in this way. (e.g. Young people’s '
                        'experience of covid; Black Lives Matter; Holocaust Memorial Day; LGBT History tour '
                        'of Bath)',
            'gap': 'We need to continue with the webinar approach post pandemic, as well as face to face '
                   'engagement.',
            'by_when': 'Ongoing',
            'responsible': 'All',
            'rag': 'A',
            'tags': []},
           {'evidence': 'For Elected Members we have a Parental leave policy and a dependent/carers element '
                        'of the allowance scheme',
            'gap': 'We need to support political groups to undertake outreach to increase diversity of '
                   'candidates particularly in relation to ethnicity in the run up to the next election in '
                   '2023 (liaising with Electoral Services and Legal Services).',
            'by_when': 'Jan 23',
            'responsible': 'Democratic Services/ Equalities Team',
            'rag': 'R',
            'tags': ['race']}]},
 {'number': 3,
  'title': 'Responsive services and customer care',
  'lead': 'Head of Customer Access & Improvement',
  'aspirations': '· Mechanisms are in place to ensure that equality standards are embedded throughout the '
                 'procurement cycle\n'
                 '· Equality objectives are integrated into service plans across the organisation, with '
                 'progress towards them performance managed by key decision makers\n'
                 '· There is evidence that services are meeting the needs of a diverse community, and that '
                 'take up of services is representative of the wider community',
  'rows': [{'evidence': 'We look for equalities impacts in our service development and delivery:\n'
                        'EQIA’s are carried out using the council’s own template and we can evidence some '
                        'very thorough EQIAs that capture issues & mitigations',
            'gap': 'RE-publicise 1-1 support with EQIA available from the Equality Officer (consider '
                   'resources and strategy to support this objective at CEDIS)',
            'by_when': 'Nov 22',
            'responsible': 'Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'EQIAs are all signed off by Heads of service, so there is some engagement with '
                        'issues relating to service accessibility and appropriateness.',
            'gap': 'Review the EIA template to increase the focus on customer focused contact management, '
                   'encourage services to use and analyse data (e.g. in respect of service demand and which '
                   'channels customers are using to access).',
            'by_when': 'Jan 2022',
            'responsible': 'Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We’re embedding equality considerations in our procurement\n'
                        'Our procurement processes incorporate all legal requirements in respect of '
                        'equalities legislation, and all ‘above threshold’ procurement exercises incorporate '
                        'equality considerations.',
            'gap': 'Review intranet pages and templates to ensure we take all opportunities to promote '
                   'equality in our procurement work.',
            'by_when': 'Complete',
            'responsible': 'Equalities Team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Templates are compliant – e.g. the Selection Questionnaire – asks about tribunal '
                        'cases, and asks to see equality policy',
            'gap': 'Ensure intranet pages have been updated with relevant equalities information and '
                   'guidance.\n'
                   'Ensure intranet pages link to the council’s Equality Impact Assessment pages/advice on '
                   'EQIAs from the equalities team, and also to the JSNA pages.',
            'by_when': 'Complete',
            'responsible': 'Procurement manager/ team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We have taken part in an initiative aimed at getting more Ethnic Minority '
                        'businesses into the SME supply chain',
            'gap': 'Continue to work with Chair of the Ethnic Minority Staff Network',
            'by_when': 'Complete',
            'responsible': 'Equalities Team Procurement manager team',
            'rag': 'A',
            'tags': ['race']},
           {'evidence': 'Equality objectives are integrated into service plans across the council\n'
                        'Through our new Corporate Business Planning timeline and new Service Planning '
                        'Templates we have the opportunity to embed equalities in our service planning '
                        'processes. This will help us measure the extent that services are meeting the needs '
                        'of a diverse community, and that take up of services is representative of the wider '
                        'community',
            'gap': 'Equality analysis/impact assessment to be built into the corporate service planning '
                   'template (and guidance notes will refer to the Equalities Team for advice and guidance). '
                   'New template currently being developed (August – Sept 2022)',
            'by_when': 'Nov 22',
            'responsible': 'Corporate Governance/Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We have to balance our budget – Our Medium-Term Financial Strategy (MTFS) drives '
                        'the service planning process. This shows how we will do this, maximising income, '
                        'and reviewing other areas to make savings. The annual MTFS is subject to equality '
                        'analysis',
            'gap': 'Ensure managers identify and capture equality issues early on in the process, and the '
                   'earlier involvement of Equalities Team in carrying out equality analysis of the budget '
                   'as a whole.',
            'by_when': 'Jan 23',
            'responsible': 'Corporate Governance/Equalities Team',
            'rag': 'R',
            'tags': []},
           {'evidence': 'We have new Performance Management coming in. The most important thing will be to '
                        'ensure there are equality indicators within Directors dashboards',
            'gap': 'Directors to include equality related performance indicators within the new Integrated '
                   'Reporting Framework (Power BI dashboard). This will include quantifiable indicators (% '
                   'of services who have completed an EQIA).\n'
                   'CEDIS – to play monitoring role',
            'by_when': 'TBC',
            'responsible': 'CEDIS Corporate Governance/Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Council services are meeting the needs of our diverse community, and take up of '
                        'services is representative of the wider community\n'
                        'The Director of Business Change & Customer Services, reporting to the Chief '
                        'Operating Officer will oversee a new Customer Contact Strategy and consistent '
                        'Standards of customer handling for the council as a whole, bringing us together in '
                        'a cohesive and consistent approach to customer service, with the core aim of '
                        'Improving People’s Live',
            'gap': 'Equalities Team are feeding into the new strategy and standards to ensure equality '
                   'issues are embedded.\n'
                   'CEDIS to play a role in monitoring equality related access/appropriateness of services.',
            'by_when': 'Sept 22',
            'responsible': 'Customer Services/Business Change Hub Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Council services are meeting the needs of our diverse community, and take up of '
                        'services is representative of the wider community\n'
                        'The Director of Business Change & Customer Services, reporting to the Chief '
                        'Operating Officer will oversee a new Customer Contact Strategy and consistent '
                        'Standards of customer handling for the council as a whole, bringing us together in '
                        'a cohesive and consistent approach to customer service, with the core aim of '
                        'Improving People’s Live',
            'gap': 'Intranet pages to be updated as well as the website to advise staff of the support '
                   'available for access needs (translation, accessible formats, language, cultural '
                   'differences, experiences of public services, access and use of digital resources etc)',
            'by_when': 'Dec 22',
            'responsible': 'Corporate governance/ IT Digital Team/ Equalities Team',
            'rag': 'R',
            'tags': []},
           {'evidence': 'Staff in customer facing roles will access training on a regular basis and on '
                        'initial contact users will be asked if they have any accessible needs',
            'gap': 'Accessible formats training has been developed and will be delivered to Council staff '
                   'following a pilot session and any required adaptations/amendments',
            'by_when': 'Oct 22',
            'responsible': 'IT Digital Team/Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We have developed monitoring guidelines of categories to use to monitor customer '
                        'handling. Service Delivery standards may still vary due to legislative and policy '
                        'regulations but standards for customer handling will be consistent.',
            'gap': 'Customer service standards have been defined and a plan is being developed for '
                   'implementation,',
            'by_when': 'Sept 23',
            'responsible': 'Customer Services/Business Change Hub/IT Digital Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'There are some good practice examples of where we have made important changes in '
                        'redesigning our services (e.g. Children’s services ‘front door review’ reviewing '
                        'the referral mechanism.',
            'gap': 'Ensure equality issues are managed when Agile Service Interventions are being carried '
                   'out by the service redesign team with services to improve customer focused and efficient '
                   'service delivery by ensuring EQIA’s are in place as standard when opportunities are '
                   'agreed for progression',
            'by_when': 'Oct 22 & Ongoing',
            'responsible': 'Business Change Hub',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We are developing our website development to focus more on the needs of the '
                        'customer.',
            'gap': 'The website will continue to be developed ensuring it is accessible, easy to navigate '
                   'and complies with relevant legislation. When newer emerging technologies are explored, '
                   'and online forms developed equalities impacts will always be considered',
            'by_when': 'Ongoing',
            'responsible': 'It Digital Team',
            'rag': 'A',
            'tags': []}]},
 {'number': 4,
  'title': 'Diverse and Engaged Workforce',
  'lead': 'Director People and Policy',
  'aspirations': '· We demonstrate movement towards greater diversity in our workforce profile compared with '
                 'previous years, including increasing levels of previously under-represented groups at all '
                 'levels of the organisation\n'
                 '· Our workforce strategies and policies include equality considerations and objectives\n'
                 '· We monitor, analyse and publish employment data in accordance with our statutory duties\n'
                 '· We provide a range of accessible learning and development opportunities to support '
                 'councillors and officers in achieving equality objectives and outcomes\n'
                 '· We promote the health and well-being of staff',
  'rows': [{'evidence': 'We have taken some steps towards increasing the diversity of our workforce\n'
                        'Our workforce profile is published on the council’s website here\n'
                        'Data from the past 4 years shows that we have increased diversity slightly in '
                        'relation to ethnicity, but our figures for disability remain at 3%',
            'gap': 'We will examine our current workforce profile data and set targets (Why, how- what will '
                   'this tell us, how will this make a difference, represent the profile of the community) '
                   'that are appropriate for our local area, in order to increase diversity where needed.\n'
                   '(Census 2021 equalities data not published until 2023)',
            'by_when': '2023',
            'responsible': 'HR/Equalities Team/CEDIS',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We are trying to increase diversity in management: Stepping Up Programme – we are '
                        'offering Ethnic Minority members of staff the opportunity to attend leadership '
                        'training.',
            'gap': 'We have missing ethnicity data (20% unknown and additional 2% prefer not to say); sexual '
                   'orientation data (17% unknown and additional 28% prefer not to say) and disability '
                   'status (18% unknown and 7% prefer not to say). We need to continue to encourage staff to '
                   'update their details on Itrent, giving them the confidence to disclose this information '
                   'where they have indicated that they prefer not to say.',
            'by_when': 'Dec 22',
            'responsible': 'Managers and staff Supported by HR and staff networks',
            'rag': 'A',
            'tags': ['race']},
           {'evidence': 'Since 2018 – 18 women have completed the Springboard Women’s Development programme '
                        'and 2 ethnic minority staff have completed the Stepping Up programme. We continue '
                        'to promote opportunities such as these where appropriate.',
            'gap': 'In process of being developed for Sept 22 -\n'
                   'Development + Staff Network Group (for staff who identify as female) and a Carers Staff '
                   'Network Group.',
            'by_when': 'Sept 22',
            'responsible': 'HR/OD and Equalities team',
            'rag': 'G',
            'tags': []},
           {'evidence': 'HR People Strategy 2019-23 states that “we want to promote and enhance diversity '
                        'across the organisation” and includes specific areas of work. 11 staff videos are '
                        'due to be launched in Sept 2022 promoting our inclusive and flexible working '
                        'arrangements.',
            'gap': 'The People Strategy will be refreshed in 2023 in line with the Corporate Strategy '
                   'refresh and will include a stronger and more detailed workforce inclusion section. Our '
                   'vision is to “Ensure that the workforce is representative of the community and that '
                   'everyone in the organisation feels a sense of inclusion and belonging”',
            'by_when': 'Dec 23',
            'responsible': 'Director Of People and Policy',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Our Strategic Leadership Team is comprised of 2 males and 3 females. Our wider '
                        'Corporate Management Team (all Directors) is comprised of 6 males and 7 females.',
            'gap': 'As above, we will set profile targets to ensure that all levels of council management '
                   'are diverse and representative.',
            'by_when': 'April 23 & Ongoing',
            'responsible': 'Director of People & Policy',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Our policies and strategies are inclusive\n'
                        'Reasonable Adjustment process and panel; Disability Leave Policy.\n'
                        'Flexible working\n'
                        'Policies for those with caring responsibilities\n'
                        'We are a Disability Confident Employer\n'
                        'Foster Friendly Employer\n'
                        'Recruitment\n'
                        'Resolution Policy',
            'gap': 'Undertake a comprehensive review of our existing Equality Impact Assessment for our main '
                   'Employment related Policies and Procedures to ensure they are inclusive and that we have '
                   'assessed the equality impact of our policies',
            'by_when': 'Nov 22',
            'responsible': 'HR&OD/ Equalities Team/Staff Network Chairs',
            'rag': 'A',
            'tags': []},
           {'evidence': 'As set out above, our HR People Strategy 2019-23 states that “we want to promote '
                        'and enhance diversity across the organisation” and includes specific areas of work '
                        '(e.g., Worker group refresh; ‘Development Plus for Women’',
            'gap': 'We need to review our People Strategy to include additional equality related actions '
                   'that are highlighted as necessary in this audit or in any Equality Impact Assessments we '
                   'undertake. Planned review 2023',
            'by_when': 'Ongoing',
            'responsible': 'HR/Equalities Team/ Director of People and Policy',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We review harassment and bullying claims, grievances etc at our 6 weekly casework '
                        'meeting. This enables us to check if there are problems for staff in particular '
                        'departments.',
            'gap': 'Regular reports on equalities aspects of casework (including bullying/harassment) made '
                   'to CEDIS group',
            'by_when': 'Nov 22 & Ongoing',
            'responsible': 'HR&OD/ Director of People and Policy',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We analyse and publish workforce data\n'
                        'Employee data on workforce profile, leavers, grievances and disciplinaries is '
                        'published here annually',
            'gap': 'We need to analyse the data we have available to see if there are any trends (e.g. Less '
                   'likely to shortlist Ethnic Minorities etc). Put on CEDIS agenda',
            'by_when': 'Ongoing',
            'responsible': 'HR/CEDIS/ Business Intel',
            'rag': 'A',
            'tags': ['race']},
           {'evidence': 'We have started to explore how we might assess our race pay gap',
            'gap': 'We need to increase the completeness of our employee data, which will help us assess our '
                   'performance (e.g. more complete ethnicity data will help us better assess our race pay '
                   'gap). Regular comms out to all staff began in Sept 2022',
            'by_when': 'Ongoing',
            'responsible': 'HR/CEDIS/ Equalities Team',
            'rag': 'A',
            'tags': ['race']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Put Gender Pay Gap report on CEDIS group agenda',
            'by_when': 'Complete',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Ensure payments are appropriately paid (so there are fewer ex gratia payments and '
                   'therefore a reduction in bonus payments and increasing accuracy of hourly rate data)',
            'by_when': 'Complete',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Arrange further Job Evaluation training',
            'by_when': 'Complete',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Continue with the piece of work to identify gaps in data.',
            'by_when': 'Dec 2022',
            'responsible': 'HR',
            'rag': 'A',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Improve our reporting capability to have data to enable some detailed analysis on the '
                   'gender balance within the employee lifecycle e.g. re. interest in posts, shortlisted '
                   'candidates, successful appointed candidates',
            'by_when': 'Dec 2022',
            'responsible': 'HR',
            'rag': 'A',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Identify key areas of underrepresentation and further action',
            'by_when': 'Complete',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Continue to embed unconscious bias training in our own practice and corporate training '
                   'recruitment programmes',
            'by_when': 'Sept 2022 & ongoing',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Support the development of women:\n'
                   'Support a further cohort of the Springboard Development Plus programme for women, (2 '
                   'B&NES employees signed up for the April 2022 cohort and finished in July 2022)',
            'by_when': 'Ongoing',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Support the Stepping Up programme. Programme details for 2022 have been released and we '
                   'are promoting to ethnic minority staff now',
            'by_when': 'Ongoing',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['race', 'gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Support training and apprenticeships that support women’s development into senior roles:',
            'by_when': 'Ongoing',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Continue with workforce monitoring analysis in relation to change programmes',
            'by_when': 'Ongoing',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Continue to promote flexible working – particularly within Managers @MyBest essential '
                   'managers package and as part of the wider Preparing for the Future programme',
            'by_when': 'Ongoing',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Review Staff Engagement survey results to understand barriers to flexible working',
            'by_when': 'Published',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We are taking action to address our Gender Pay Gap\n'
                        'Our Gender Pay Gap compares very favourably to other local authorities and is '
                        'reducing. In 2019 the mean average hourly rate of pay of female employees across '
                        'the council was £14.74 while the average hourly rate of men was £15.10. It means '
                        'that over the past year the mean gender pay gap has reduced from 96 pence to 36 '
                        'pence. See our Gender Pay Gap Report - March 2020',
            'gap': 'Introduce Blended Working Charter as part of Preparing for the Future and new ways of '
                   'working post-Covid',
            'by_when': '',
            'responsible': 'HR',
            'rag': 'G',
            'tags': ['gender pay gap']},
           {'evidence': 'We train our staff and elected members so they are knowledgeable and skilled in '
                        'respect of equality issues and working with diverse communities\n'
                        'Equalities training is available to staff via the @MyBest training Offer, and is '
                        'also a part of corporate induction course. We use a wide variety of methods '
                        'including standard courses, e-learning, 1-1 coaching',
            'gap': 'Conduct an overarching equalities audit of @my best training offer to ensure equality '
                   'issues are integrated (in terms of content, materials, methods). Under review with new '
                   'online EDI training provider being explored. In-person training now available for '
                   'customer facing roles. Accessible training has been developed and will be piloted in '
                   'Sept 22',
            'by_when': 'Sept 22',
            'responsible': 'OD/IT/ Equalities Team',
            'rag': 'A',
            'tags': []},
           {'evidence': 'An Anti-racist/equalities course run by the Equality Academy was rolled out to '
                        'MT/LT group in 2020-21.',
            'gap': 'CEDIS members who did not attend the anti-racism course will be invited to attend '
                   '‘Equalities for Team and Service’ delivered by the Equality Academy as part of the '
                   'Corporate Training Programme.\n'
                   'Inclusive Leadership Training through Diversity Trust is booked for Oct 22, this '
                   'includes unconscious bias, and how to create new habits.',
            'by_when': '',
            'responsible': 'CEDIS',
            'rag': 'G',
            'tags': ['race']},
           {'evidence': 'In children’s services, we are exploring ‘mentoring that offers different '
                        'perspectives for personal growth’',
            'gap': 'Explore how reverse mentoring could be rolled out across other parts of the Council.\n'
                   'Suggest that we seek nominations from the workforce and leaders and invite to have a '
                   'conversation',
            'by_when': 'Oct 22',
            'responsible': 'Director of Children’s Services & Education/ EM Staff Network Chair',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Councillors to complete an online LGA course.\n'
                        'R& S course includes equalities scenarios; Customer First, customer service course '
                        'makes reference to equalities.',
            'gap': 'Review recruitment and selection course materials.\n'
                   'Review R&S course and R&S guidance – to ensure equality considerations are embedded '
                   'within it\n'
                   'Explore how we can adapt the PDC templates to include specific equality references and '
                   'objectives, e.g. ‘I am confident that I can deliver services in a way that meets the '
                   'needs of our diverse community’',
            'by_when': 'Oct 22 & Ongoing',
            'responsible': 'HR',
            'rag': 'A',
            'tags': []},
           {'evidence': 'Councillors to complete an online LGA course.\n'
                        'R& S course includes equalities scenarios; Customer First, customer service course '
                        'makes reference to equalities.',
            'gap': 'Publicise a summary of our local community profile to staff following release of Census '
                   '21 data',
            'by_when': '',
            'responsible': 'Research & Business Intel',
            'rag': 'R',
            'tags': []},
           {'evidence': 'Councillors to complete an online LGA course.\n'
                        'R& S course includes equalities scenarios; Customer First, customer service course '
                        'makes reference to equalities.',
            'gap': 'Include within next Staff Survey Qs relating to understanding of equality objectives and '
                   'delivering services to diverse customers',
            'by_when': '',
            'responsible': 'HR/ Research & Business Intel',
            'rag': 'R',
            'tags': []},
           {'evidence': 'Undertake smaller staff engagement pulse surveys to measure and explore levels of '
                        'staff engagement and feedback about specific issues',
            'gap': 'Smaller staff poll – for example a small survey in September to understand how the cost '
                   'of living crisis is affecting staff',
            'by_when': 'Sept 22',
            'responsible': 'HR/ Research & Business Intel',
            'rag': 'R',
            'tags': []},
           {'evidence': 'We support the health and wellbeing of our staff\n'
                        'See this comprehensive range of support here: which addresses a range of issues '
                        'including MH; Employee Assistance Programme; Health Champions; Staff Groups and '
                        'more',
            'gap': 'Focus groups/world café/marginalisation of staff\n'
                   'Please add comments and info –\n'
                   'Lived experiences of staff – focus groups for policy/practice development (staff '
                   'networks)',
            'by_when': 'Jan 23',
            'responsible': 'Staff network Chairs',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We have a range of Wellbeing training on the Learning Zone. We have made the ‘MH at '
                        'Work Commitment’; We have supported ‘Time to Change’ since 2017. We have Wellness '
                        'Action Plans and resources for managers to use.',
            'gap': '',
            'by_when': 'Ongoing',
            'responsible': 'HR/Staff Engagement',
            'rag': 'G',
            'tags': []},
           {'evidence': 'We have Staff Network Groups for Disabled, LGBT+ & Ethnic Minority',
            'gap': 'All staff networks chairs are invited to CEDIS group and contribute to all discussions '
                   'as well as having a slot for updates.\n'
                   'Gauge interest in a woman’s career network group and carers group.',
            'by_when': '',
            'responsible': 'Staff Network chairs',
            'rag': 'G',
            'tags': []},
           {'evidence': 'Menopause staff support group established and a development of a managers training '
                        'package (40 females attended Menopause Awareness session, 24 managers attended '
                        'Managers session (4 males) 19 male employees attended Men: Let’s talk menopause '
                        'June 2021. There is an active closed group on Yammer that offers ongoing peer '
                        'support.',
            'gap': '',
            'by_when': 'Ongoing',
            'responsible': 'HR/Staff Engagement',
            'rag': 'A',
            'tags': []},
           {'evidence': 'We have a ‘Reasonable Adjustment Process’ and Panel in place ensuring consistency '
                        '(see 4.2).',
            'gap': 'We need to regularly remind managers and staff of the RAP panel and process.',
            'by_when': 'Ongoing',
            'responsible': 'HR',
            'rag': 'A',
            'tags': []},
           {'evidence': 'H & B Incidents are not included in our annual Employee Data Reports as this would '
                        'compromise anonymity. However, the CEDIS group can be given an overview to '
                        'highlight the numbers of equality related H&B cases',
            'gap': 'Include H&B incident reporting on the CEDIS Group forward agenda.',
            'by_when': 'Bi-annual',
            'responsible': 'HR',
            'rag': 'A',
            'tags': []}]}]
