/** Three more life-event guides: expecting a baby, moving to the region, a child's special needs. */
import type { GuideContent } from '../../core/guides/types.js';

export const EXPECTING: GuideContent = {
  title: { fi: 'Kun odotatte vauvaa', sv: 'När ni väntar barn', en: 'When you are expecting a baby' },
  summary: {
    fi: 'Neuvola, Kelan äitiysavustus ja vanhempainvapaat, isyyden tai äitiyden tunnustaminen ja vertaistuki vauvaperheille.',
    sv: 'Rådgivningen, FPA:s moderskapsunderstöd och föräldraledigheter, erkännande av faderskap eller moderskap och kamratstöd för familjer med bebis.',
    en: 'The maternity clinic, Kela’s maternity grant and parental leave, acknowledging paternity or maternity, and peer support for baby families.',
  },
  steps: [
    {
      title: {
        fi: 'Varaa aika äitiysneuvolaan',
        sv: 'Boka tid på mödrarådgivningen',
        en: 'Book a time at the maternity clinic',
      },
      body: {
        fi: 'Ota yhteyttä neuvolaan heti, kun tiedät olevasi raskaana. Neuvola seuraa raskautta ja vauvan kasvua, ja sieltä saat todistuksen äitiysavustusta varten. Neuvola on maksuton.',
        sv: 'Kontakta rådgivningen så snart du vet att du är gravid. Rådgivningen följer graviditeten och barnets tillväxt, och där får du intyget för moderskapsunderstödet. Rådgivningen är avgiftsfri.',
        en: 'Contact the clinic as soon as you know you are pregnant. The clinic follows the pregnancy and the baby’s growth, and gives you the certificate for the maternity grant. It is free.',
      },
      lifeSituations: ['expecting'],
      serviceClasses: ['P5.2'],
      keywords: ['neuvola', 'rådgivning'],
    },
    {
      title: {
        fi: 'Hae Kelan etuudet ajoissa',
        sv: 'Ansök om FPA:s förmåner i tid',
        en: 'Apply for Kela’s benefits in time',
      },
      body: {
        fi: 'Äitiysavustusta (äitiyspakkaus tai rahana) haetaan viimeistään kaksi kuukautta ennen laskettua aikaa. Raskausrahaa ja vanhempainrahaa haetaan Kelasta; vanhempainvapaista kannattaa kertoa työnantajalle hyvissä ajoin.',
        sv: 'Moderskapsunderstödet (förpackning eller pengar) söks senast två månader före det beräknade förlossningsdatumet. Graviditetspenning och föräldrapenning söks hos FPA; berätta för arbetsgivaren om föräldraledigheten i god tid.',
        en: 'Apply for the maternity grant (the baby box or money) at least two months before the due date. Pregnancy allowance and parental allowance are applied for from Kela; tell your employer about your parental leave in good time.',
      },
      lifeSituations: [],
      serviceClasses: [],
      keywords: [],
    },
    {
      title: {
        fi: 'Jos ette ole naimisissa: tunnustakaa vanhemmuus',
        sv: 'Om ni inte är gifta: erkänn föräldraskapet',
        en: 'If you are not married: acknowledge parenthood',
      },
      body: {
        fi: 'Isyyden tai äitiyden voi tunnustaa jo neuvolassa raskauden aikana. Muuten sen voi tehdä syntymän jälkeen hyvinvointialueen lastenvalvojalla, jossa voitte myös sopia lapsen huollosta.',
        sv: 'Faderskapet eller moderskapet kan erkännas redan på rådgivningen under graviditeten. Annars kan det göras efter födseln hos välfärdsområdets barnatillsyningsman, där ni också kan avtala om vårdnaden om barnet.',
        en: 'Paternity or maternity can be acknowledged at the maternity clinic during pregnancy already. Otherwise it is done after the birth with the wellbeing services county’s child welfare supervisor, where you can also agree on custody.',
      },
      lifeSituations: ['expecting', 'baby'],
      serviceClasses: ['P3.3'],
      keywords: ['lastenvalvoja', 'barnatillsyningsman'],
    },
    {
      title: { fi: 'Löydä muita vauvaperheitä', sv: 'Hitta andra familjer med bebis', en: 'Meet other baby families' },
      body: {
        fi: 'Perhekahvilat, perhekerhot ja vertaisryhmät ovat avoimia ja usein maksuttomia. Niissä saa seuraa, vinkkejä ja tukea arkeen.',
        sv: 'Familjecaféer, familjeklubbar och kamratgrupper är öppna och ofta avgiftsfria. Där får du sällskap, tips och stöd i vardagen.',
        en: 'Family cafés, family clubs and peer groups are open and often free. They offer company, tips and everyday support.',
      },
      lifeSituations: ['baby', 'expecting'],
      serviceClasses: ['P4.12', 'P25.6'],
      keywords: ['perhekahvila', 'familjecafé'],
    },
  ],
};

export const MOVING: GuideContent = {
  title: { fi: 'Kun muutatte alueelle', sv: 'När ni flyttar till regionen', en: 'When you move to the region' },
  summary: {
    fi: 'Muuttoilmoitus, neuvola ja koulu, varhaiskasvatus ja kotoutumisen tuki, kun perhe muuttaa Uudellemaalle Suomesta tai ulkomailta.',
    sv: 'Flyttanmälan, rådgivning och skola, småbarnspedagogik och stöd för integration när familjen flyttar till Nyland från Finland eller utlandet.',
    en: 'Notice of move, clinic and school, early childhood education, and integration support when a family moves to Uusimaa from elsewhere in Finland or abroad.',
  },
  steps: [
    {
      title: { fi: 'Tee muuttoilmoitus', sv: 'Gör en flyttanmälan', en: 'Give notice of your move' },
      body: {
        fi: 'Muuttoilmoitus tehdään Digi- ja väestötietovirastoon viimeistään viikon kuluttua muutosta. Ulkomailta muuttavan on rekisteröidyttävä ja selvitettävä oikeus Kelan etuuksiin.',
        sv: 'Flyttanmälan görs till Myndigheten för digitalisering och befolkningsdata senast en vecka efter flytten. Den som flyttar från utlandet ska registrera sig och utreda sin rätt till FPA:s förmåner.',
        en: 'Give notice of the move to the Digital and Population Data Services Agency within a week of moving. If you move from abroad, register and find out whether you are covered by Kela’s benefits.',
      },
      lifeSituations: [],
      serviceClasses: [],
      keywords: [],
    },
    {
      title: {
        fi: 'Ota yhteyttä perhekeskukseen tai palveluohjaukseen',
        sv: 'Kontakta familjecentralen eller servicehandledningen',
        en: 'Contact the family centre or service navigation',
      },
      body: {
        fi: 'Perhekeskus on yksi ovi lapsiperheiden palveluihin. Siellä neuvotaan, mistä löytyvät neuvola, varhaiskasvatus ja muu tuki uudessa kotikunnassa.',
        sv: 'Familjecentralen är en dörr till tjänsterna för barnfamiljer. Där får ni råd om var rådgivningen, småbarnspedagogiken och annat stöd finns i den nya hemkommunen.',
        en: 'The family centre is one door to services for families with children. They tell you where to find the clinic, early childhood education and other support in your new home municipality.',
      },
      lifeSituations: ['moving_to_finland', 'parenting'],
      serviceClasses: ['P4.13'],
      keywords: ['palveluohjaus', 'servicehandledning'],
    },
    {
      title: {
        fi: 'Hae varhaiskasvatus- tai koulupaikkaa',
        sv: 'Ansök om plats i småbarnspedagogik eller skola',
        en: 'Apply for early childhood education or school',
      },
      body: {
        fi: 'Varhaiskasvatuspaikkaa haetaan kunnasta neljä kuukautta ennen tarvetta. Koululaisen kouluun ilmoittautumisesta saa tietoa kunnan opetustoimesta, myös ruotsinkielisistä kouluista kaksikielisissä kunnissa.',
        sv: 'Plats i småbarnspedagogiken söks hos kommunen fyra månader innan den behövs. Information om att anmäla ett skolbarn till skolan får ni av kommunens bildningsväsende, också om svenskspråkiga skolor i tvåspråkiga kommuner.',
        en: 'Apply to the municipality for an early childhood education place four months before you need it. The municipality’s education services tell you how to enrol a pupil, including in Swedish-language schools in bilingual municipalities.',
      },
      lifeSituations: ['under_school_age', 'school_age'],
      serviceClasses: ['P3.4', 'P6.1'],
      keywords: [],
    },
    {
      title: { fi: 'Tutustu ja kotoudu', sv: 'Bekanta dig och integreras', en: 'Get to know people and settle in' },
      body: {
        fi: 'Perhekahvilat, kirjastot ja järjestöjen ryhmät ovat hyviä paikkoja tutustua muihin perheisiin. Ulkomailta muuttaneille on tarjolla kotoutumisen tukea ja kielikursseja.',
        sv: 'Familjecaféer, bibliotek och organisationernas grupper är bra ställen att lära känna andra familjer. För den som flyttat från utlandet finns stöd för integration och språkkurser.',
        en: 'Family cafés, libraries and NGO groups are good places to meet other families. Integration support and language courses are available for those who have moved from abroad.',
      },
      lifeSituations: ['moving_to_finland'],
      serviceClasses: ['P4.11', 'P4.12', 'P25.1'],
      keywords: [],
    },
  ],
};

export const SPECIAL_NEEDS: GuideContent = {
  title: {
    fi: 'Kun lapsi tarvitsee erityistä tukea',
    sv: 'När barnet behöver särskilt stöd',
    en: 'When a child needs special support',
  },
  summary: {
    fi: 'Kun lapsen kehitys, oppiminen tai terveys huolettaa: puheeksi ottaminen, tutkimukset, tuki päiväkodissa ja koulussa sekä tuki perheelle.',
    sv: 'När barnets utveckling, lärande eller hälsa oroar: att ta upp saken, undersökningar, stöd i daghemmet och skolan samt stöd för familjen.',
    en: 'When a child’s development, learning or health worries you: raising it, assessments, support in day care and school, and support for the family.',
  },
  steps: [
    {
      title: { fi: 'Ota huoli puheeksi', sv: 'Ta upp din oro', en: 'Raise your concern' },
      body: {
        fi: 'Kerro huolestasi neuvolassa, päiväkodissa tai koulussa. Terveydenhoitaja, varhaiskasvatuksen erityisopettaja tai kuraattori arvioi tilannetta kanssasi ja ohjaa tarvittaessa eteenpäin.',
        sv: 'Berätta om din oro på rådgivningen, i daghemmet eller i skolan. Hälsovårdaren, speciallärare inom småbarnspedagogiken eller kuratorn bedömer situationen med dig och hänvisar vidare vid behov.',
        en: 'Tell the clinic, day care or school about your concern. The public health nurse, the special education teacher in early childhood education or the school social worker looks at the situation with you and refers you on if needed.',
      },
      lifeSituations: ['disability_illness', 'learning'],
      serviceClasses: ['P5.2', 'P4.9', 'P5.9'],
      keywords: [],
    },
    {
      title: {
        fi: 'Tutkimukset ja kuntoutus',
        sv: 'Undersökningar och rehabilitering',
        en: 'Assessment and rehabilitation',
      },
      body: {
        fi: 'Puhe-, toiminta- ja fysioterapia sekä psykologin tutkimukset järjestää hyvinvointialue. Kela voi korvata vaativaa lääkinnällistä kuntoutusta ja maksaa vammaistukea alle 16-vuotiaalle.',
        sv: 'Tal-, ergo- och fysioterapi samt psykologiska undersökningar ordnas av välfärdsområdet. FPA kan ersätta krävande medicinsk rehabilitering och betala handikappbidrag för barn under 16 år.',
        en: 'Speech, occupational and physiotherapy and psychological assessments are provided by the wellbeing services county. Kela may cover demanding medical rehabilitation and pay disability allowance for children under 16.',
      },
      lifeSituations: ['disability_illness', 'learning'],
      serviceClasses: ['P5.13', 'P4.4'],
      keywords: ['puheterapia', 'talterapi'],
    },
    {
      title: { fi: 'Tuki perheelle', sv: 'Stöd för familjen', en: 'Support for the family' },
      body: {
        fi: 'Lapsiperheiden kotipalvelu ja perhetyö auttavat arjessa, ja vertaistuessa voi jakaa kokemuksia muiden samassa tilanteessa olevien vanhempien kanssa.',
        sv: 'Hemservicen för barnfamiljer och familjearbetet hjälper i vardagen, och i kamratstödet kan du dela erfarenheter med andra föräldrar i samma situation.',
        en: 'Home help for families with children and family work help with everyday life, and in peer support you can share experiences with other parents in the same situation.',
      },
      lifeSituations: ['disability_illness', 'family_strain'],
      serviceClasses: ['P4.3', 'P3.6', 'P4.12'],
      keywords: [],
    },
  ],
};
