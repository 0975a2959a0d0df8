package dev.bursar.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearMissGuardTest {

    @ParameterizedTest(name = "[{index}] refused: {0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            What is the capital of Germany?            | What is the capital of France?
            How far is 5 km in miles?                  | How far is 6 km in miles?
            How far is 5 km?                           | How far is 5 miles?
            Convert 30°C to Fahrenheit                 | Convert 30°F to Celsius
            What is 100 USD in rupees?                 | What is 100 EUR in rupees?
            Why is my code working?                    | Why is my code not working?
            Why can I sleep at night?                  | Why can't I sleep at night?
            Can I travel to Canada with a visa?        | Can I travel to Canada without a visa?
            How do I use `getName` in Java?            | How do I use `getId` in Java?
            What does os.path.join do?                 | What does os.path.split do?
            What does fetchUserData return?            | What does fetchUserProfile return?
            How do I set max_retries?                  | How do I set max_timeout?
            Who won the 2014 World Cup?                | Who won the 2018 World Cup?
            How tall is the tower?                     | How tall is the Eiffel tower?
            What did Einstein say about God?           | What did Newton say about God?
            Is Python 3 faster than Python 2?          | Is Python 2 faster than Python 3?
            I paid $20 for it                          | I paid €20 for it
            Which is better, an iPhone or an Android?  | Which is better, an iPhone or a Pixel?
            How many days until two weeks pass?        | How many days until three weeks pass?
            Translate 'good morning' into German       | Translate 'good morning' into Spanish
            Who is the president of France?            | Who was the president of France?
            Why do Poles dislike Russians?             | Why do Russians dislike Poles?
            How is Messi better than Ronaldo?          | How is Ronaldo better than messi?
            Is the HP LaserJet M604n any good?         | Is the HP LaserJet M604dn any good?
            What does 无语 mean?                        | What does 装逼 mean?
            Who was George H. W. Bush?                 | Who was George W. Bush?
            What are the positive effects of caffeine? | What are the negative effects of caffeine?
            Do guys like introvert girls?              | Do girls like introvert guys?
            What do Indian men think of Indian women?  | What do non-Indian men think of Indian women?
            Which is the best and worst film of 2016?  | Which is the worst film of 2016?
            What are the advantages and disadvantages of renting? | What are the advantages of renting?
            """)
    void refuses_a_changed_number_entity_negation_unit_or_identifier(String a, String b) {
        assertThat(NearMissGuard.disagreement(NearMissGuard.details(a), NearMissGuard.details(b))).isNotNull();
        assertThat(NearMissGuard.disagreement(NearMissGuard.details(b), NearMissGuard.details(a))).isNotNull();
    }

    @ParameterizedTest(name = "[{index}] agreed: {0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            What is the capital of France?              | what's France's capital?
            How do I learn Python quickly?              | What is the fastest way to learn python?
            What are good tips for self study?          | What are the smart tips for self studying?
            How many km is a marathon?                  | A marathon is how many kilometres?
            Why don't cats like water?                  | Why do cats not like water?
            What is 2 plus 2?                           | What is two plus two?
            How do I use `getName`?                     | How can I call getName?
            What Is The Best Way To Learn Guitar?       | what is the best way to learn the guitar?
            How much is 1,000 dollars in euros?         | What is $1000 in euros?
            How do I write blog posts fast?             | What is the best way to write blog posts fast?
            What are the pros and cons of renting?      | What are the advantages and disadvantages of renting?
            """)
    void lets_paraphrases_through(String a, String b) {
        assertThat(NearMissGuard.disagreement(NearMissGuard.details(a), NearMissGuard.details(b))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1,000     | 1000
            3.50      | 3.5
            007       | 7
            2,5       | 2.5
            """)
    void numbers_compare_by_value_as_written(String raw, String normalised) {
        assertThat(NearMissGuard.normaliseNumber(raw)).isEqualTo(normalised);
    }
}
