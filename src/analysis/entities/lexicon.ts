/**
 * Small hand-written word lists that carry the grammar of news English:
 * words that are capitalized without being names, titles, role nouns and
 * keywords that give an organization, place or event away. All entries are
 * lower-case. No list names any specific person.
 *
 * Origin: written for this project by its contributors (no external source);
 * licence: the project's MIT licence. The learned tagger (src/analysis/ner)
 * reads some of these lists as features, so changing them means retraining
 * (`npm run train:ner`).
 */

const set = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Function words and frequent sentence openers: capitalized at the start of a
 * sentence or in headlines, never names on their own.
 */
export const COMMON_WORDS = set(`
a an the this that these those there here it its it's he she they we i you me him her them us our your their his my
mine who whom whose which what when where why how whatever whoever and or but nor so yet if then than because as
since while although though unless until after before during about above across against along amid among around at by
for from in inside into near of off on onto out outside over per through throughout to toward towards under unlike
upon via with within without not no yes all any both each either every few many more most much neither none one two
three four five six seven eight nine ten some such other others another same own only also even just still already
again ever never always often sometimes perhaps maybe however meanwhile moreover furthermore nevertheless instead
thus therefore hence indeed otherwise besides later earlier now today tonight tomorrow yesterday once twice first
second third last next old former latter is are was were be been being am do does did done have has had having
will would shall should can could may might must let says said say tell told asked according despite following
including regarding plus less least like unlike whether well very too quite rather almost nearly about up down
overall since ago yet amid hello thanks please dear oh mr mrs ms dr
`);

/** Plural common nouns that open sentences ("Police said…"): never a name on their own. */
export const GENERIC_NOUNS = set(`
police officials authorities witnesses residents investigators prosecutors experts critics analysts researchers
scientists doctors officers troops soldiers protesters demonstrators supporters lawmakers voters fans sources
`);

/** Months and weekdays: capitalized, never people, places or organizations. */
export const CALENDAR_WORDS = set(`
january february march april may june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun christmas easter ramadan eid thanksgiving halloween
`);

/** Honorifics: the next capitalized words are a person, the honorific is not part of the role. */
export const HONORIFICS = set(`mr mr. mrs mrs. ms ms. mx miss dr dr. sir dame lord lady madam madame mme monsieur señor señora sr. sra. herr frau`);

/**
 * Words that form a title before a name ("US Secretary of State Antony
 * Blinken", "Colombian President Gustavo Petro", "Gov. Ron Smith"). Combined
 * with demonyms, place names and "of"/"the"/"to" they make up the role prefix.
 */
export const TITLE_WORDS = set(`
president vice prime minister secretary chancellor premier king queen prince princess emperor empress sheikh emir
sultan pope cardinal archbishop bishop reverend rev rev. father pastor rabbi imam ayatollah senator sen sen. sens.
representative rep rep. congressman congresswoman governor gov gov. lieutenant lt lt. mayor deputy assistant
undersecretary under ambassador envoy general gen gen. colonel col col. major maj maj. captain capt capt. sergeant
sgt sgt. admiral adm adm. commander cmdr corporal cpl private pvt marshal brigadier field air chief justice judge
magistrate attorney prosecutor district state foreign defense defence interior finance treasury home health
education labor labour trade energy justice economy economic agriculture transport culture environment commerce
information security national federal executive director labour conservative tory liberal democrat democratic
republican lib dem green mp mep msp mla chairman chairwoman chair ceo cfo coo cto founder co-founder
president-elect professor prof prof. doctor detective det det. inspector insp sheriff superintendent constable officer
agent coach manager striker midfielder defender goalkeeper quarterback pitcher forward guard captain leader speaker
whip spokesman spokeswoman spokesperson chief-of-staff first lady minority majority opposition party house senate
council councillor councilman councilwoman alderman commissioner administrator secretary-general general-secretary
director-general minister-president high commissioner special counsel solicitor barrister dean provost rector
chancellor crown acting interim former late then incoming outgoing caretaker supreme grand senior junior top
`);

/** Nouns for people's roles, used in lower-case before a name or in appositives ("team member X", "X, a detective"). */
export const PERSON_ROLE_NOUNS = set(`
president minister secretary spokesman spokeswoman spokesperson leader chairman chairwoman chair director executive
ceo founder co-founder official officer detective inspector sheriff deputy lawyer attorney prosecutor judge justice
professor researcher scientist analyst economist strategist expert author writer novelist poet journalist reporter
correspondent editor columnist photographer actor actress singer musician rapper artist director producer comedian
player striker midfielder defender goalkeeper coach manager captain champion athlete driver rider boxer wrestler
member lawmaker legislator senator representative congressman congresswoman governor mayor councillor councilman
ambassador envoy diplomat commander general colonel soldier sergeant pilot doctor surgeon physician nurse teacher
student activist campaigner organizer organiser candidate nominee voter resident farmer worker owner businessman
businesswoman entrepreneur investor banker chief head adviser advisor aide consultant historian archaeologist
astronaut engineer designer architect priest pastor bishop cardinal pope imam rabbi monk nun king queen prince
princess son daughter wife husband mother father brother sister widow uncle aunt cousin friend colleague partner
boyfriend girlfriend fiance spokesman victim suspect defendant witness survivor fly-half scrum-half winger
flanker prop hooker full-back centre-back wicketkeeper batsman bowler jockey trainer
`);

/** Nouns for organizations ("advocacy group X", "the rights organization"). */
export const ORG_NOUNS = set(`
group organization organisation company firm corporation agency ministry department party union bank newspaper paper
magazine network broadcaster channel station website site outlet publisher studio label band team club league
association federation council committee commission institute institution university college school foundation
charity coalition alliance movement militia army force forces rebels guerrillas insurgents regulator watchdog
authority body lender insurer retailer carrier airline manufacturer maker automaker carmaker giant conglomerate
startup fund court tribunal parliament government administration church
`);

/** Nouns for places ("the city of X", "X province"). */
export const PLACE_NOUNS = set(`
city town village country nation state province region district county capital island islands port municipality
neighbourhood neighborhood suburb territory kingdom republic continent area municipality
`);

/** A chunk ending in one of these is an organization ("Human Rights Watch", "Acme Corp."). */
export const ORG_SUFFIXES = set(`
inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag sa nv bv group holdings bank university college institute
institution school academy foundation fund trust association federation union league party council committee
commission agency authority ministry department office bureau board court parliament congress senate assembly
army navy force forces guard police service services company corporation industries airlines airways motors watch
network news times post journal herald tribune gazette telegraph guardian press broadcasting radio television tv
club fc united society church mission organization organisation center centre hospital clinic laboratory laboratories
labs systems technologies partners capital media studios records enterprises brigade battalion regiment front
movement alliance coalition cartel gang exchange reserve museum gallery galleries collection collections factory
administration conference corps magazine newspaper channel research consulting securities communications telecom
democrats dems republicans conservatives tories socialists greens liberals brothers bros pictures entertainment productions publishing games software electronics pharmaceuticals energy motors weekly daily monthly tourism
`);

/**
 * Head words of newspaper names. After "The New York Post" a writer calls it "The Post": a capitalised head
 * alone joins the publication named in full before it (other organization words alone — "the Department" — do not).
 * Hand-picked from the mastheads' common heads (English-language press).
 */
export const PUBLICATION_HEADS = set(`times post journal herald tribune gazette telegraph guardian chronicle inquirer`);

/**
 * Abbreviated titles and the word they stand for, so a role reads "Massachusetts Senator" and "the senator"
 * can find the person titled "Sen." (standard AP-style abbreviations).
 */
export const TITLE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['sen', 'Senator'], ['sens', 'Senator'], ['rep', 'Representative'], ['reps', 'Representative'], ['gov', 'Governor'],
  ['lt. gov', 'Lieutenant Governor'], ['gen', 'General'], ['lt', 'Lieutenant'], ['col', 'Colonel'], ['capt', 'Captain'],
  ['sgt', 'Sergeant'], ['adm', 'Admiral'], ['cmdr', 'Commander'], ['maj', 'Major'], ['prof', 'Professor'],
  ['det', 'Detective'], ['supt', 'Superintendent'], ['atty', 'Attorney'], ['rev', 'Reverend'], ['del', 'Delegate'],
]);

/** A chunk starting with one of these followed by "of" is an organization ("Bank of England"). */
export const ORG_HEADS = set(`
bank university college institute ministry department office bureau board court church council committee commission
federation association union league academy school museum order society daughters sons friends house chamber
organization organisation government parliament assembly congress army navy corps fund foundation party
`);

/** A chunk ending or starting with one of these is a place ("Hudson River", "Gulf of Mexico"). */
export const PLACE_KEYWORDS = set(`
river mountain mountains mount mt mt. lake island islands isle sea ocean gulf bay strait straits cape peninsula tower towers cave caves base
valley desert forest park square street st st. avenue ave road rd boulevard blvd highway lane bridge county province
prefecture district state city town village region territory canyon falls beach coast hills heights airport station
port harbor harbour hall plaza tower stadium arena palace castle cathedral temple mosque border
`);

/** Words that mark an event, law, prize or product ("other"). */
export const OTHER_KEYWORDS = set(`
war wars olympics olympic games cup championship championships tournament open prix award awards prize challenge
festival expo summit conference convention election elections act bill law treaty accord accords agreement pact
protocol amendment declaration revolution crisis pandemic plan program programme initiative doctrine day week
month year era dynasty empire project operation scandal case trial hurricane storm typhoon cyclone earthquake
marathon race derby series final finals oscars grammys show album film movie book song tour trophy medal globe
globes
`);

/** Connectors allowed inside a name ("Daughters of the American Revolution", "Pilar de la Cruz", "bin Salman"). */
export const NAME_PARTICLES = set(`de la del della di da das dos do du le van von der den ter ten bin ibn al el abu bint y zu af`);

/** Verbs of speech: the subject before them is a speaker (person or organization). */
export const SPEECH_VERBS = set(`
said says say told tells added adds argued argues asked asks announced announces claimed claims confirmed confirms
denied denies explained explains insisted insists noted notes remarked replied replies reported reports stated
states warned warns wrote writes urged urges acknowledged acknowledges admitted admits declared declares recalled
recalls suggested suggests tweeted posted believes believed thinks thought
`);

/** Verbs that need a human subject ("X met with", "X visited"): person evidence. */
export const PERSON_VERBS = set(`
met meets visited visits smiled laughed died dies born married resigned resigns retired retires sang starred
tweeted wept vowed
`);

/** World regions not in country gazetteers. */
export const REGIONS = [
  'Africa', 'Asia', 'Europe', 'North America', 'South America', 'Latin America', 'Central America', 'the Americas',
  'Americas', 'Oceania', 'Antarctica', 'Middle East', 'the Middle East', 'Near East', 'Far East', 'Caribbean',
  'Balkans', 'Scandinavia', 'Sub-Saharan Africa', 'West Africa', 'East Africa', 'North Africa', 'Southern Africa',
  'Central Asia', 'South Asia', 'Southeast Asia', 'East Asia', 'Western Europe', 'Eastern Europe', 'Central Europe',
  'Gulf', 'Persian Gulf', 'Pacific', 'Atlantic', 'Mediterranean', 'Arctic', 'Sahel', 'Kashmir', 'Gaza',
  'Gaza Strip', 'West Bank', 'Crimea', 'Donbas', 'Siberia', 'Patagonia', 'Amazon', 'Tibet', 'Kurdistan',
  'Silicon Valley', 'Wall Street', 'Midwest', 'New England',
];

/** US states and Canadian provinces, often named without a country. */
export const SUBNATIONAL = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
  'Georgia', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine',
  'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma',
  'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah',
  'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming', 'Washington D.C.',
  'Washington, D.C.', 'D.C.', 'Ontario', 'Quebec', 'British Columbia', 'Alberta', 'Manitoba', 'Saskatchewan',
  'Nova Scotia', 'New Brunswick', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Catalonia', 'Bavaria',
  'Punjab', 'Sindh', 'Kerala', 'Queensland', 'New South Wales', 'Victoria', 'Tasmania',
];

/**
 * Wire services and very large organizations that newsrooms name without any
 * cue ("questions from Reuters"). General knowledge, not tied to any article.
 */
export const KNOWN_ORGS = [
  'Reuters', 'Associated Press', 'AP', 'AFP', 'Agence France-Presse', 'Bloomberg', 'BBC', 'CNN', 'NPR', 'Xinhua',
  'Al Jazeera', 'United Nations', 'UN', 'U.N.', 'NATO', 'European Union', 'EU', 'WHO', 'World Health Organization',
  'IMF', 'International Monetary Fund', 'World Bank', 'OPEC', 'FBI', 'CIA', 'NASA', 'Pentagon', 'Kremlin',
  'White House', 'Congress', 'Senate', 'Interpol', 'Red Cross', 'Amnesty International',
  'Google', 'Apple', 'Microsoft', 'Amazon', 'Facebook', 'Meta', 'Twitter', 'YouTube', 'Tesla', 'Ford', 'Toyota',
  'Boeing', 'Airbus', 'Samsung', 'Sony', 'Nissan', 'Honda', 'Volkswagen', 'General Motors', 'GM', 'Walmart',
  'Netflix', 'Uber', 'Intel', 'IBM', 'Shell', 'BP', 'Exxon', 'ExxonMobil', 'Chevron', 'Gazprom', 'Huawei', 'Alibaba',
  'Tencent', 'Wikipedia', 'Wikinews', 'Instagram', 'TikTok', 'OpenAI', 'Nvidia', 'Disney', 'Pfizer', 'Moderna',
  'Labour', 'Tories', 'Conservatives', 'Democrats', 'Republicans', 'Lib Dems', 'Liberal Democrats', 'Greens',
  'Hamas', 'Hezbollah', 'Taliban', 'al-Qaeda', 'Al Qaeda', 'Islamic State', 'ISIS', 'FIFA', 'UEFA', 'IOC',
];
